using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Procedure;
using static Yiju.UnitTests.Housing.HousingTestData;

namespace Yiju.UnitTests.Housing;

public class ProcedureTests
{
    // Friday 27 November is a holiday in this test calendar, so it must be skipped by every deadline.
    private static readonly TestCalendar Calendar = new(new DateOnly(2026, 11, 27));
    private readonly ApplicationProcedure _procedure = new(Calendar);

    private static Actor ApplicantOf(HouseholdApplication a) => new(a.ApplicantUserId, ActorRole.Applicant);
    private static readonly Actor Street = new(Guid.NewGuid(), ActorRole.StreetReviewer, StreetCode: "230102001");
    private static readonly Actor OtherStreet = new(Guid.NewGuid(), ActorRole.StreetReviewer, StreetCode: "230102002");
    private static readonly Actor District = new(Guid.NewGuid(), ActorRole.DistrictReviewer, DistrictCode: "230102");
    private static readonly Actor OtherDistrict = new(Guid.NewGuid(), ActorRole.DistrictReviewer, DistrictCode: "230103");
    private static readonly Actor Bureau = new(Guid.NewGuid(), ActorRole.HousingBureau);

    private static DateTime Day(int month, int day) => new(2026, month, day, 2, 0, 0, DateTimeKind.Utc);

    private void Ok(HouseholdApplication app, ProcedureAction action, Actor actor, DateTime now, string? reason = null, Guid? flat = null, int? rank = null, Guid? lottery = null)
    {
        var result = _procedure.Apply(app, new ProcedureCommand(action, reason, flat, rank, lottery), actor, now);
        Assert.True(result.Succeeded, result.Refusal?.ToString());
    }

    private Reason Refused(HouseholdApplication app, ProcedureAction action, Actor actor, DateTime now, string? reason = null)
    {
        var before = (app.Status, app.Events.Count, app.Version);
        var result = _procedure.Apply(app, new ProcedureCommand(action, reason), actor, now);
        Assert.False(result.Succeeded);
        Assert.Equal(before, (app.Status, app.Events.Count, app.Version));
        return result.Refusal!;
    }

    [Fact]
    public void Full_path_from_draft_to_move_in_with_working_day_deadlines()
    {
        var app = Application();
        Ok(app, ProcedureAction.Submit, ApplicantOf(app), Day(11, 23));
        Assert.Equal(ApplicationStatus.Submitted, app.Status);
        // 10 working days after Mon 23 Nov, skipping the weekends and the 27 Nov holiday.
        Assert.Equal(new DateOnly(2026, 12, 8), app.StepDueOn);

        Ok(app, ProcedureAction.StreetApprove, Street, Day(11, 24));
        Assert.Equal(new DateOnly(2026, 12, 9), app.StepDueOn);
        Ok(app, ProcedureAction.DistrictApprove, District, Day(11, 25));
        Assert.Equal(ApplicationStatus.Registered, app.Status);

        Ok(app, ProcedureAction.OpenFirstNotice, Bureau, Day(11, 25));
        Assert.Equal(new DateOnly(2026, 12, 3), app.FirstNoticeEndsOn); // 26, 30, 1, 2, 3
        Assert.Equal(ApplicationProcedure.NoticeNotOverCode, Refused(app, ProcedureAction.CloseFirstNotice, Bureau, Day(12, 3)).Code);
        Ok(app, ProcedureAction.CloseFirstNotice, Bureau, Day(12, 4));
        Assert.Equal(ApplicationStatus.Eligible, app.Status);

        var lottery = Guid.NewGuid();
        var flat = Guid.NewGuid();
        Ok(app, ProcedureAction.EnterLottery, Bureau, Day(12, 7));
        Ok(app, ProcedureAction.RecordDrawnFlat, Bureau, Day(12, 8), flat: flat, rank: 17, lottery: lottery);
        Assert.Equal((ApplicationStatus.ResultNotice, 17, flat), (app.Status, app.LotteryRank!.Value, app.AllocatedFlatId!.Value));
        Assert.Equal(new DateOnly(2026, 12, 15), app.ResultNoticeEndsOn);
        Ok(app, ProcedureAction.CloseResultNotice, Bureau, Day(12, 16));
        Ok(app, ProcedureAction.SignContract, Bureau, Day(12, 17));
        Ok(app, ProcedureAction.MoveIn, Bureau, Day(12, 20));
        Assert.Equal(ApplicationStatus.MovedIn, app.Status);
        Assert.Equal(new DateOnly(2027, 12, 20), app.NextAnnualReviewDueOn);

        Ok(app, ProcedureAction.PassAnnualReview, District, new DateTime(2027, 12, 1, 2, 0, 0, DateTimeKind.Utc));
        Assert.Equal(ApplicationStatus.MovedIn, app.Status);
        Ok(app, ProcedureAction.ExitOnAnnualReview, Bureau, new DateTime(2028, 12, 1, 2, 0, 0, DateTimeKind.Utc), reason: "家庭收入已超过标准");
        Assert.Equal(ApplicationStatus.Exited, app.Status);
        Assert.Equal("家庭收入已超过标准", app.LastReason);

        Assert.Equal(Enumerable.Range(1, app.Events.Count), app.Events.Select(e => e.Sequence));
        Assert.Equal(ApplicationStatus.Draft, app.Events[0].From);
        Assert.Equal(ApplicationStatus.Exited, app.Events[^1].To);
        Assert.Equal(ActorRole.Applicant, app.Events[0].ActorRole);
    }

    [Fact]
    public void Only_reviewers_of_the_applications_street_and_district_may_act()
    {
        var app = Application();
        Ok(app, ProcedureAction.Submit, ApplicantOf(app), Day(11, 23));
        Assert.Equal(ApplicationProcedure.OutOfScopeCode, Refused(app, ProcedureAction.StreetApprove, OtherStreet, Day(11, 23)).Code);
        Assert.Equal(ApplicationProcedure.WrongRoleCode, Refused(app, ProcedureAction.StreetApprove, District, Day(11, 23)).Code);
        Assert.Equal(ApplicationProcedure.WrongRoleCode, Refused(app, ProcedureAction.StreetApprove, ApplicantOf(app), Day(11, 23)).Code);
        Ok(app, ProcedureAction.StreetApprove, Street, Day(11, 23));
        Assert.Equal(ApplicationProcedure.OutOfScopeCode, Refused(app, ProcedureAction.DistrictApprove, OtherDistrict, Day(11, 23)).Code);
        Assert.Equal(ApplicationProcedure.WrongRoleCode, Refused(app, ProcedureAction.DistrictApprove, Street, Day(11, 23)).Code);
        Ok(app, ProcedureAction.DistrictApprove, District, Day(11, 23));
    }

    [Fact]
    public void Someone_elses_application_cannot_be_submitted_but_the_street_office_may_submit_it()
    {
        var app = Application();
        Assert.Equal(ApplicationProcedure.OutOfScopeCode, Refused(app, ProcedureAction.Submit, new Actor(Guid.NewGuid(), ActorRole.Applicant), Day(11, 23)).Code);
        Ok(app, ProcedureAction.Submit, Street, Day(11, 23));
    }

    [Fact]
    public void Returns_need_a_reason_and_go_back_one_level()
    {
        var app = Application();
        Ok(app, ProcedureAction.Submit, ApplicantOf(app), Day(11, 23));
        var refusal = Refused(app, ProcedureAction.StreetReturn, Street, Day(11, 23), reason: "  ");
        Assert.Equal(ApplicationProcedure.ReasonRequiredCode, refusal.Code);
        Ok(app, ProcedureAction.StreetReturn, Street, Day(11, 23), reason: "缺少收入证明");
        Assert.Equal((ApplicationStatus.ReturnedByStreet, "缺少收入证明"), (app.Status, app.LastReason));
        Assert.Null(app.StepDueOn);
        Ok(app, ProcedureAction.Submit, ApplicantOf(app), Day(11, 24));
        Ok(app, ProcedureAction.StreetApprove, Street, Day(11, 24));
        Ok(app, ProcedureAction.DistrictReturn, District, Day(11, 25), reason: "住房面积需核实");
        Assert.Equal(ApplicationStatus.ReturnedByDistrict, app.Status);
        Assert.Equal(new DateOnly(2026, 12, 10), app.StepDueOn);
        Ok(app, ProcedureAction.StreetApprove, Street, Day(11, 26));
        Assert.Equal(ApplicationStatus.StreetApproved, app.Status);
        Assert.Equal("住房面积需核实", app.Events.Single(e => e.Action == ProcedureAction.DistrictReturn).Reason);
    }

    [Fact]
    public void Steps_out_of_order_are_refused()
    {
        var app = Application();
        Assert.Equal(ApplicationProcedure.WrongStateCode, Refused(app, ProcedureAction.StreetApprove, Street, Day(11, 23)).Code);
        Assert.Equal(ApplicationProcedure.WrongStateCode, Refused(app, ProcedureAction.EnterLottery, Bureau, Day(11, 23)).Code);
        Assert.Equal(ApplicationProcedure.WrongStateCode, Refused(app, ProcedureAction.MoveIn, Bureau, Day(11, 23)).Code);
    }

    [Fact]
    public void Subsidy_applications_skip_the_lottery_and_flat_applications_get_no_subsidy()
    {
        var subsidy = ToEligible(Application(SchemeKind.RentalSubsidy));
        Assert.Equal(ApplicationProcedure.WrongSchemeCode, Refused(subsidy, ProcedureAction.EnterLottery, Bureau, Day(12, 7)).Code);
        Ok(subsidy, ProcedureAction.StartSubsidy, Bureau, Day(12, 7));
        Assert.Equal(ApplicationStatus.Subsidised, subsidy.Status);

        var flat = ToEligible(Application());
        Assert.Equal(ApplicationProcedure.WrongSchemeCode, Refused(flat, ProcedureAction.StartSubsidy, Bureau, Day(12, 7)).Code);
    }

    [Fact]
    public void Upheld_objection_removes_the_household_and_pending_ones_block_closing()
    {
        var app = ToFirstNotice(Application());
        Assert.True(_procedure.RaiseObjection(app, "该户在道里区有住房", "匿名 139****0000", Day(11, 26), out var objection).Succeeded);
        Assert.Equal(ApplicationProcedure.ObjectionsPendingCode, Refused(app, ProcedureAction.CloseFirstNotice, Bureau, Day(12, 4)).Code);
        Assert.Equal(ApplicationProcedure.OutOfScopeCode,
            _procedure.ResolveObjection(app, objection!.Id, true, "经核实属实", OtherDistrict, Day(12, 4)).Refusal!.Code);
        Assert.True(_procedure.ResolveObjection(app, objection.Id, true, "经核实，该户在道里区有住房80平方米", District, Day(12, 4)).Succeeded);
        Assert.Equal(ApplicationStatus.Removed, app.Status);
        Assert.Equal(ObjectionOutcome.Upheld, objection.Outcome);
        var last = app.Events[^1];
        Assert.Equal((ProcedureAction.RemoveOnObjection, ApplicationStatus.FirstNotice, ApplicationStatus.Removed), (last.Action, last.From, last.To));
        Assert.False(app.Status.IsActive());
    }

    [Fact]
    public void Dismissed_objection_lets_the_notice_close()
    {
        var app = ToFirstNotice(Application());
        Assert.True(_procedure.RaiseObjection(app, "收入可能不实", "", Day(11, 26), out var objection).Succeeded);
        Assert.True(_procedure.ResolveObjection(app, objection!.Id, false, "经核查收入属实", Bureau, Day(12, 1)).Succeeded);
        Ok(app, ProcedureAction.CloseFirstNotice, Bureau, Day(12, 4));
        Assert.Equal(ApplicationStatus.Eligible, app.Status);
    }

    [Fact]
    public void Objections_only_during_the_notice_period()
    {
        var app = Application();
        Assert.Equal(ApplicationProcedure.WrongStateCode, _procedure.RaiseObjection(app, "x", "", Day(11, 23), out _).Refusal!.Code);
        ToFirstNotice(app);
        Assert.True(_procedure.RaiseObjection(app, "最后一天提出", "", Day(12, 3), out _).Succeeded);
        Assert.Equal(ApplicationProcedure.NoticeOverCode, _procedure.RaiseObjection(app, "太晚了", "", Day(12, 4), out _).Refusal!.Code);
    }

    [Fact]
    public void Available_actions_depend_on_role_and_scope()
    {
        var app = Application();
        Ok(app, ProcedureAction.Submit, ApplicantOf(app), Day(11, 23));
        Assert.Equal([ProcedureAction.StreetApprove, ProcedureAction.StreetReturn], _procedure.AvailableTo(app, Street, Day(11, 23)).Select(s => s.Action));
        Assert.Empty(_procedure.AvailableTo(app, OtherStreet, Day(11, 23)));
        Assert.Equal([ProcedureAction.Withdraw], _procedure.AvailableTo(app, ApplicantOf(app), Day(11, 23)).Select(s => s.Action));
    }

    [Fact]
    public void Overdue_after_the_due_date()
    {
        var app = Application();
        Ok(app, ProcedureAction.Submit, ApplicantOf(app), Day(11, 23));
        Assert.False(ApplicationProcedure.IsOverdue(app, new DateOnly(2026, 12, 8)));
        Assert.True(ApplicationProcedure.IsOverdue(app, new DateOnly(2026, 12, 9)));
    }

    private HouseholdApplication ToFirstNotice(HouseholdApplication app)
    {
        Ok(app, ProcedureAction.Submit, ApplicantOf(app), Day(11, 23));
        Ok(app, ProcedureAction.StreetApprove, Street, Day(11, 24));
        Ok(app, ProcedureAction.DistrictApprove, District, Day(11, 25));
        Ok(app, ProcedureAction.OpenFirstNotice, Bureau, Day(11, 25));
        return app;
    }

    private HouseholdApplication ToEligible(HouseholdApplication app)
    {
        ToFirstNotice(app);
        Ok(app, ProcedureAction.CloseFirstNotice, Bureau, Day(12, 4));
        return app;
    }
}

public class ProcedureCalendarTests
{
    /// <summary>A calendar that has no year loaded, as a fresh install in January might be.</summary>
    private sealed class MissingCalendar : Yiju.Kernel.Calendar.IWorkingCalendar
    {
        public bool IsWorkingDay(DateOnly date) => throw new Yiju.Kernel.Calendar.CalendarMissingException(date.Year);
        public DateOnly AddWorkingDays(DateOnly start, int workingDays) => throw new Yiju.Kernel.Calendar.CalendarMissingException(start.Year);
        public int WorkingDaysBetween(DateOnly from, DateOnly to) => throw new Yiju.Kernel.Calendar.CalendarMissingException(from.Year);
        public bool HasYear(int year) => false;
    }

    [Fact]
    public void Missing_calendar_year_fails_loudly_and_changes_nothing()
    {
        var app = HousingTestData.Application();
        app.Status = ApplicationStatus.InLottery;
        var procedure = new ApplicationProcedure(new MissingCalendar());
        var command = new ProcedureCommand(ProcedureAction.RecordDrawnFlat, FlatId: Guid.NewGuid(), Rank: 1, LotteryId: Guid.NewGuid());
        Assert.Throws<Yiju.Kernel.Calendar.CalendarMissingException>(() =>
            procedure.Apply(app, command, new Actor(Guid.NewGuid(), ActorRole.HousingBureau), HousingTestData.NowUtc));
        Assert.Equal((ApplicationStatus.InLottery, (Guid?)null, (int?)null, 0, 0L), (app.Status, app.AllocatedFlatId, app.LotteryRank, app.Events.Count, app.Version));
    }
}

public class ProcedureDetailTests
{
    private static readonly ApplicationProcedure Procedure = new(new TestCalendar());

    [Fact]
    public void Submission_channel_follows_who_submitted()
    {
        var online = HousingTestData.Application();
        Assert.True(Procedure.Apply(online, new ProcedureCommand(ProcedureAction.Submit), new Actor(online.ApplicantUserId, ActorRole.Applicant), HousingTestData.NowUtc).Succeeded);
        Assert.Equal(SubmissionChannel.Online, online.Channel);

        var office = HousingTestData.Application();
        Assert.True(Procedure.Apply(office, new ProcedureCommand(ProcedureAction.Submit), new Actor(Guid.NewGuid(), ActorRole.StreetReviewer, StreetCode: office.StreetCode), HousingTestData.NowUtc).Succeeded);
        Assert.Equal(SubmissionChannel.StreetOffice, office.Channel);
        Assert.Equal(HousingTestData.NowUtc, office.SubmittedUtc);
    }

    [Fact]
    public void Annual_review_is_overdue_after_its_date_only_while_supported()
    {
        var app = HousingTestData.Application();
        app.Status = ApplicationStatus.MovedIn;
        app.NextAnnualReviewDueOn = new DateOnly(2027, 1, 10);
        Assert.False(ApplicationProcedure.IsAnnualReviewOverdue(app, new DateOnly(2027, 1, 10)));
        Assert.True(ApplicationProcedure.IsAnnualReviewOverdue(app, new DateOnly(2027, 1, 11)));
        app.Status = ApplicationStatus.Exited;
        Assert.False(ApplicationProcedure.IsAnnualReviewOverdue(app, new DateOnly(2027, 1, 11)));
    }

    [Fact]
    public void Documents_must_be_pdf_or_images_within_size_and_hashed()
    {
        var app = HousingTestData.Application();
        var good = new ApplicationDocument { FileName = "收入证明.pdf", ContentType = "application/pdf", SizeBytes = 200_000, Sha256Hex = new string('a', 64) };
        app.Documents.Add(good);
        Assert.Empty(ApplicationValidator.Validate(app, HousingTestData.Today, new ActiveApplicationIndex()));
        app.Documents.Add(new ApplicationDocument { FileName = "run.exe", ContentType = "application/octet-stream", SizeBytes = 10, Sha256Hex = new string('a', 64) });
        app.Documents.Add(new ApplicationDocument { FileName = "big.jpg", ContentType = "image/jpeg", SizeBytes = ApplicationDocument.MaxSizeBytes + 1, Sha256Hex = new string('a', 64) });
        var issues = ApplicationValidator.Validate(app, HousingTestData.Today, new ActiveApplicationIndex());
        Assert.Equal(["document_type_not_allowed", "document_size_invalid"], issues.Select(i => i.Code));
        Assert.StartsWith("run.exe：", issues[0].Text, StringComparison.Ordinal);
    }
}
