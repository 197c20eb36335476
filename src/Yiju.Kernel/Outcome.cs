namespace Yiju.Kernel;

public enum FailureKind
{
    Invalid = 1,
    NotFound = 2,
    Forbidden = 3,
    Conflict = 4,
}

/// <summary>Why a use case refused, in words for the person (Chinese first, English after), with per-field or per-row details.</summary>
public sealed record Failure(FailureKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Failure Invalid(string message, IReadOnlyDictionary<string, string[]>? errors = null) => new(FailureKind.Invalid, message, errors);
    public static Failure Invalid(string field, string message) => new(FailureKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });
    public static Failure NotFound(string message) => new(FailureKind.NotFound, message);
    public static Failure Forbidden(string message = "无权执行此操作 (not allowed)") => new(FailureKind.Forbidden, message);
    public static Failure Conflict(string message = "记录已被他人修改，请刷新后重试 (changed by someone else; reload and try again)") => new(FailureKind.Conflict, message);
}

/// <summary>The result of a use case: a value or a <see cref="Failure"/>. Handlers return it instead of throwing for expected refusals.</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }
    public Failure? Failure { get; }
    public bool Succeeded => Failure is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}
