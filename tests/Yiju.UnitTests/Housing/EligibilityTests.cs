using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Eligibility;
using static Yiju.UnitTests.Housing.HousingTestData;

namespace Yiju.UnitTests.Housing;

public class EligibilityTests
{
    private static readonly EligibilityRuleSet PublicRental = SampleRuleSets.PublicRental(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Household_inside_every_limit_is_eligible()
    {
        var result = EligibilityEvaluator.Evaluate(PublicRental, Application(), Today);
        Assert.True(result.Eligible, string.Join("; ", result.Failures));
        Assert.Equal(1, result.RuleSetVersion);
    }

    [Fact]
    public void Every_failing_rule_is_listed_with_its_reason()
    {
        var app = Application(SchemeKind.PublicRental, ("张三明", Adult1985, Relationship.Applicant, 3_000_00));
        app.AssetsFen = 300_000_00;
        app.CurrentHousingAreaM2 = 40;
        app.Members[0].LocalHukou = false;
        app.Members[0].SocialInsuranceMonths = 5;

        var result = EligibilityEvaluator.Evaluate(PublicRental, app, Today);

        Assert.False(result.Eligible);
        Assert.Equal(
            [EligibilityEvaluator.IncomeCode, EligibilityEvaluator.AssetsCode, EligibilityEvaluator.AreaCode, EligibilityEvaluator.ResidenceCode],
            result.Failures.Select(f => f.Code));
        Assert.Equal("家庭人均月收入3000.00元，超过上限2500.00元", result.Failures[0].Text);
        Assert.Contains("40.00平方米", result.Failures[2].Text, StringComparison.Ordinal);
        Assert.Contains("5个月，不足12个月", result.Failures[3].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_are_inclusive_and_income_is_per_head()
    {
        // 2 persons, 5,000.00 in total = 2,500.00 per head: exactly at the limit.
        var app = Application(SchemeKind.PublicRental, ("张三明", Adult1985, Relationship.Applicant, 4_000_00), ("李四", Adult1990, Relationship.Spouse, 1_000_00));
        app.CurrentHousingAreaM2 = 30; // 15 m² per head, the limit
        Assert.True(EligibilityEvaluator.Evaluate(PublicRental, app, Today).Eligible);

        app.Members[1].MonthlyIncomeFen += 2; // one fen per head over
        var result = EligibilityEvaluator.Evaluate(PublicRental, app, Today);
        Assert.Equal([EligibilityEvaluator.IncomeCode], result.Failures.Select(f => f.Code));
    }

    [Fact]
    public void Social_insurance_replaces_local_hukou_when_long_enough()
    {
        var app = Application();
        app.Members[0].LocalHukou = false;
        app.Members[0].SocialInsuranceMonths = 12;
        Assert.True(EligibilityEvaluator.Evaluate(PublicRental, app, Today).Eligible);
        app.Members[0].SocialInsuranceMonths = 11;
        Assert.False(EligibilityEvaluator.Evaluate(PublicRental, app, Today).Eligible);
    }

    [Fact]
    public void Age_and_size_ranges_give_reasons()
    {
        var affordable = SampleRuleSets.AffordableRental(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var app = Application(SchemeKind.AffordableRental, ("赵老", Elder1950, Relationship.Applicant, 1_000_00));
        var result = EligibilityEvaluator.Evaluate(affordable, app, Today);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(EligibilityEvaluator.AgeCode, failure.Code);
        Assert.Equal("申请人年龄76周岁，不在18至45周岁范围内", failure.Text);

        var empty = Application(SchemeKind.AffordableRental);
        empty.Members.Clear();
        var codes = EligibilityEvaluator.Evaluate(affordable, empty, Today).Failures.Select(f => f.Code).ToList();
        Assert.Contains(EligibilityEvaluator.SizeCode, codes);
        Assert.Contains(EligibilityEvaluator.AgeUnknownCode, codes);
    }

    [Fact]
    public void Rules_of_another_scheme_are_never_applied() =>
        Assert.Throws<ArgumentException>(() => EligibilityEvaluator.Evaluate(PublicRental, Application(SchemeKind.RentalSubsidy), Today));

    [Fact]
    public void Rule_set_in_force_is_the_highest_current_version()
    {
        var jan = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var v1 = SampleRuleSets.PublicRental(jan);
        v1.EffectiveToUtc = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        var v2 = SampleRuleSets.PublicRental(new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc));
        v2.Id = Guid.NewGuid();
        v2.Version = 2;
        var sets = new[] { v1, v2, SampleRuleSets.RentalSubsidy(jan) };
        Assert.Same(v1, EligibilityRuleSet.InForce(sets, SchemeKind.PublicRental, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Same(v2, EligibilityRuleSet.InForce(sets, SchemeKind.PublicRental, new DateTime(2026, 8, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Null(EligibilityRuleSet.InForce(sets, SchemeKind.AffordableRental, new DateTime(2026, 8, 1, 0, 0, 0, DateTimeKind.Utc)));
    }
}

public class ApplicationValidatorTests
{
    [Fact]
    public void Well_formed_application_has_no_issues() =>
        Assert.Empty(ApplicationValidator.Validate(Application(), Today, new ActiveApplicationIndex()));

    [Fact]
    public void Malformed_id_and_negative_income_are_rejected_with_reasons()
    {
        var app = Application(SchemeKind.PublicRental,
            ("张三明", "230102198503121233", Relationship.Applicant, 1_000_00),
            ("李四", Adult1990, Relationship.Spouse, -1));
        app.AssetsFen = -5;
        var issues = ApplicationValidator.Validate(app, Today, new ActiveApplicationIndex());
        var codes = issues.Select(i => i.Code).ToList();
        Assert.Contains(ApplicationValidator.IdInvalidCode, codes);
        Assert.Contains(ApplicationValidator.NegativeIncomeCode, codes);
        Assert.Contains(ApplicationValidator.NegativeAssetsCode, codes);
        Assert.Contains(issues, i => i.Text == "张*明：身份证号码校验位错误");
        Assert.Contains(issues, i => i.Text == "李*的月收入不能为负数");
    }

    [Fact]
    public void Same_person_twice_in_one_household_is_rejected()
    {
        var app = Application(SchemeKind.PublicRental,
            ("张三明", Adult1985, Relationship.Applicant, 1_000_00),
            ("张三明", Adult1985, Relationship.Spouse, 1_000_00));
        Assert.Contains(ApplicationValidator.Validate(app, Today, new ActiveApplicationIndex()), i => i.Code == ApplicationValidator.IdDuplicateCode);
    }

    [Fact]
    public void One_person_in_two_households_applications_is_rejected()
    {
        var first = Application();
        first.Status = ApplicationStatus.Submitted;
        var index = new ActiveApplicationIndex();
        index.Add(first);

        var second = Application(SchemeKind.RentalSubsidy, ("王五", Adult1988, Relationship.Applicant, 1_000_00), ("李四", Adult1990, Relationship.Spouse, 1_000_00));
        var issue = Assert.Single(ApplicationValidator.Validate(second, Today, index));
        Assert.Equal(ApplicationValidator.PersonInOtherHouseholdCode, issue.Code);
        Assert.Contains("2301**********4569", issue.Text, StringComparison.Ordinal);
        Assert.Contains(first.Number, issue.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Household_applying_twice_to_the_same_scheme_is_rejected_but_may_apply_to_another()
    {
        var first = Application();
        first.Status = ApplicationStatus.Registered;
        var index = new ActiveApplicationIndex();
        index.Add(first);

        var again = Application();
        again.HouseholdId = first.HouseholdId;
        var issue = Assert.Single(ApplicationValidator.Validate(again, Today, index));
        Assert.Equal(ApplicationValidator.DuplicateApplicationCode, issue.Code);

        again.Scheme = SchemeKind.RentalSubsidy;
        Assert.Empty(ApplicationValidator.Validate(again, Today, index));
    }

    [Fact]
    public void Finished_or_draft_applications_do_not_block()
    {
        var index = new ActiveApplicationIndex();
        foreach (var status in new[] { ApplicationStatus.Draft, ApplicationStatus.Withdrawn, ApplicationStatus.Exited, ApplicationStatus.Removed })
        {
            var old = Application();
            old.Status = status;
            index.Add(old);
        }
        Assert.Empty(ApplicationValidator.Validate(Application(), Today, index));
    }
}

public class PriorityTests
{
    [Fact]
    public void Family_with_two_children_one_minor_is_tier_two()
    {
        var app = Application(SchemeKind.PublicRental,
            ("张三明", Adult1985, Relationship.Applicant, 1_000_00),
            ("张小一", Child2015, Relationship.Child, 0),
            ("张小二", Child2018, Relationship.Child, 0));
        var policy = PriorityPolicy.Default;
        Assert.Equal(PriorityFactors.MinorChildrenTwoOrMore, policy.FactorsOf(app, Today));
        Assert.Equal(2, policy.TierOf(app, Today));
    }

    [Fact]
    public void One_child_is_not_a_multi_child_family()
    {
        var app = Application(SchemeKind.PublicRental, ("张三明", Adult1985, Relationship.Applicant, 1_000_00), ("张小一", Child2015, Relationship.Child, 0));
        Assert.Equal(PriorityFactors.None, PriorityPolicy.Default.FactorsOf(app, Today));
        Assert.Equal(3, PriorityPolicy.Default.TierOf(app, Today));
    }

    [Fact]
    public void Best_tier_of_all_factors_wins()
    {
        var app = Application(SchemeKind.PublicRental, ("赵老", Elder1950, Relationship.Applicant, 1_000_00), ("赵大", Adult1988, Relationship.Child, 0));
        Assert.Equal(PriorityFactors.Elderly, PriorityPolicy.Default.FactorsOf(app, Today));
        Assert.Equal(2, PriorityPolicy.Default.TierOf(app, Today));
        app.Members[1].Disabled = true;
        Assert.Equal(PriorityFactors.Elderly | PriorityFactors.Disabled, PriorityPolicy.Default.FactorsOf(app, Today));
        Assert.Equal(1, PriorityPolicy.Default.TierOf(app, Today));
        Assert.Equal("残疾、老年人", PriorityPolicy.ChineseText(PriorityPolicy.Default.FactorsOf(app, Today)));
    }

    [Fact]
    public void Tiers_are_configurable()
    {
        var policy = new PriorityPolicy { GeneralTier = 2, Rules = [new(PriorityFactors.Veteran, 1)] };
        var app = Application();
        app.SpecialHardship = true;
        Assert.Equal(2, policy.TierOf(app, Today));
        app.Members[0].Veteran = true;
        Assert.Equal(1, policy.TierOf(app, Today));
    }
}
