using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yiju.Data;

namespace Yiju.Web.Infrastructure;

/// <summary>Healthy when the database answers a query and has no pending migrations.</summary>
public sealed class DatabaseHealthCheck(YijuDb db, DatabaseSettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var units = await db.Units.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{settings.Provider}: {units} units");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{settings.Provider}: {e.GetType().Name}", e);
        }
    }
}
