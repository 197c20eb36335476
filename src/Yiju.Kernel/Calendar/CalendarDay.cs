namespace Yiju.Kernel.Calendar;

/// <summary>
/// One listed day of an official calendar year: a public holiday (<see cref="IsOffDay"/> true) or a
/// 调休 make-up working day (false). Unlisted days follow the Monday–Friday rule.
/// </summary>
public sealed record CalendarDay(DateOnly Date, string Name, bool IsOffDay);
