namespace Yiju.Organisation.Domain;

/// <summary>Lockout after repeated failures: slows guessing without locking a person out for good.</summary>
public static class SignInPolicy
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const int MinPasswordLength = 10;

    public static bool IsLockedOut(Person person, DateTime utcNow) => person.LockedUntil is { } until && until > utcNow;

    public static void RecordFailure(Person person, DateTime utcNow)
    {
        person.FailedSignIns++;
        if (person.FailedSignIns >= MaxFailures)
        {
            person.LockedUntil = utcNow + LockoutDuration;
            person.FailedSignIns = 0;
        }
    }

    public static void RecordSuccess(Person person, DateTime utcNow)
    {
        person.FailedSignIns = 0;
        person.LockedUntil = null;
        person.LastSignInAt = utcNow;
    }

    /// <summary>Null when acceptable; otherwise the reason, in the words shown to the person.</summary>
    public static string? CheckPassword(string password) =>
        password.Length < MinPasswordLength ? $"密码至少 {MinPasswordLength} 个字符 (at least {MinPasswordLength} characters)" : null;
}
