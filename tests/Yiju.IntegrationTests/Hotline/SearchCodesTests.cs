using Npgsql;
using Yiju.Data;
using Yiju.Hotline.Data;
using Yiju.IntegrationTests.Infrastructure;

namespace Yiju.IntegrationTests.Hotline;

/// <summary>
/// Migration 0019 backfills open tickets' search codes in SQL; Yiju computes them in C# for every later save. A ticket
/// backfilled with other codes than Yiju's would not be found, so both are compared on awkward text.
/// </summary>
public sealed class SearchCodesTests
{
    [Fact]
    public async Task The_migrations_backfill_gives_the_codes_Yiju_gives()
    {
        Assert.SkipWhen(TestDatabase.PostgresServer is null, TestDatabase.SkipReason);
        var ct = TestContext.Current.CancellationToken;
        var script = await ReadMigration("0019_hotline_search_codes.sql");
        var start = script.IndexOf("CREATE FUNCTION pg_temp.yiju_search_codes", StringComparison.Ordinal);
        var end = script.IndexOf("$$;", script.IndexOf("AS $$", start, StringComparison.Ordinal) + 5, StringComparison.Ordinal) + 3;
        Assert.True(start >= 0 && end > start, "0019 defines pg_temp.yiju_search_codes");

        await using var database = await TestDatabase.Create(DatabaseProvider.Postgres);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var create = new NpgsqlCommand(script[start..end], connection))
            await create.ExecuteNonQueryAsync(ct);

        string[] samples =
        [
            "暖气不热，家里只有十四度" + "\n" + "道里区安静街",
            "哈哈哈\n",
            "\n",
            "x\n",
            "𠀀好，生僻字\U0010FFFF\U0010FFFF\n南岗区",
            "Café № 5 – 3楼\r\n香坊区 “红旗” 大街",
            "🙂🙃🙂\n\uFFFF\uFFFE",
        ];
        foreach (var text in samples)
        {
            await using var select = new NpgsqlCommand("SELECT pg_temp.yiju_search_codes(@t)", connection);
            select.Parameters.AddWithValue("t", text);
            var fromSql = (int[])(await select.ExecuteScalarAsync(ct))!;
            Assert.Equal(TicketTextSearch.Codes(text), fromSql);
        }
    }

    private static async Task<string> ReadMigration(string file)
    {
        var assembly = typeof(YijuDb).Assembly;
        await using var stream = assembly.GetManifestResourceStream($"Yiju.Data.Migrations.postgres.{file}")
            ?? throw new InvalidOperationException($"migration {file} is not embedded");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
