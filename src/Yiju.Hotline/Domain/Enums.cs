namespace Yiju.Hotline.Domain;

/// <summary>What the citizen asks for. Petitions (信访) follow statutory deadlines rather than the hotline's own.</summary>
public enum TicketType
{
    Complaint = 1,     // 投诉
    Help = 2,          // 求助
    Consultation = 3,  // 咨询
    Suggestion = 4,    // 建议
    Praise = 5,        // 表扬
    Petition = 6,      // 信访
}

public enum Urgency
{
    Normal = 0,      // 一般
    Urgent = 1,      // 紧急
    VeryUrgent = 2,  // 特急
}

public enum Channel
{
    Phone = 1,     // 电话
    WebForm = 2,   // 网站
    Open311 = 3,   // 开放接口
    Letter = 4,    // 来信
    Visit = 5,     // 来访
    Other = 9,
}

public enum Satisfaction
{
    Satisfied = 1,           // 满意
    BasicallySatisfied = 2,  // 基本满意
    Dissatisfied = 3,        // 不满意
}

/// <summary>The level of a receiving unit; a ticket can be dispatched to a department or directly to a district or street (直派).</summary>
public enum UnitKind
{
    Centre = 0,      // 12345 中心
    Department = 1,  // 市直部门
    District = 2,    // 区、县(市)
    Street = 3,      // 街道、乡镇
}

public enum HotlineRole
{
    HotlineOperator = 1,    // 话务员
    CallbackOperator = 2,   // 回访员
    CentreSupervisor = 3,   // 中心督办/仲裁
    DepartmentStaff = 4,    // 部门承办人
    DistrictStaff = 5,      // 区承办人
    StreetStaff = 6,        // 街道承办人
    CityAdmin = 7,          // 系统管理员
    Resident = 8,           // 居民 (public form, Open311): intake only
    System = 9,             // 系统: the scheduled deadline job (reminders and escalation), never a person
}

/// <summary>The fixed internal states; what users see comes from <see cref="StatusLabels"/>.</summary>
public enum TicketStatus
{
    Accepted = 1,          // 已受理
    Dispatched = 2,        // 已派单, awaiting sign-for
    InHandling = 3,        // 办理中
    Returned = 4,          // 已退单, awaiting the centre
    InArbitration = 5,     // 仲裁中
    Replied = 6,           // 已回复, awaiting callback
    Closed = 7,            // 已办结
    Merged = 8,            // 已合并
}

/// <summary>
/// The small fixed set of lifecycle categories that code reasons about (FixMyStreet's idea):
/// each city words its statuses as it likes, but reports and Open311 only see these.
/// </summary>
public enum LifecycleCategory
{
    Open = 1,         // not yet with a unit, or back at the centre
    InProgress = 2,   // a unit holds it
    Answered = 3,     // the unit replied; callback pending
    Closed = 4,
}

public enum TicketAction
{
    Accept = 1,             // 受理
    ResolveAtIntake = 2,    // 直接办结
    Dispatch = 3,           // 派单 / 直派 / 改派
    SignFor = 4,            // 签收
    RecordProgress = 5,     // 办理 (progress note)
    Reply = 6,              // 回复
    Callback = 7,           // 回访
    Reopen = 8,             // 重办
    Return = 9,             // 退单
    SendToArbitration = 10, // 提交仲裁
    Arbitrate = 11,         // 仲裁
    RequestExtension = 12,  // 申请延期
    ApproveExtension = 13,  // 批准延期
    RefuseExtension = 14,   // 驳回延期
    Supervise = 15,         // 督办
    Merge = 16,             // 合并 (this ticket merged into another)
    AbsorbDuplicate = 17,   // 合并 (another ticket merged into this one)
    EditText = 18,          // 修改诉求内容
    Close = 19,             // 办结 (after a callback that did not reopen)
    Forward = 20,           // 下派: a district passes its ticket on to one of its streets
    Remind = 21,            // 期限提醒: the deadline job warns the holding unit before a deadline
    Escalate = 22,          // 超期督办: the deadline job flags an overdue ticket and reports it to the centre / superior unit
    DeclinePetition = 23,   // 不予受理: the unit holding a petition decides not to accept it, with the reason
    RequestReview = 24,     // 申请复查/复核: the petitioner disputes the reply; a superior body reviews it
}

/// <summary>
/// What a deadline notice says and about which deadline: a reminder before it, or an escalation after it.
/// One notice of each kind per ticket and deadline instant (unique in the database), so overlapping job runs cannot double it.
/// </summary>
public enum NoticeKind
{
    SignForReminder = 1,      // 签收期限将到
    SignForEscalation = 2,    // 超期未签收
    HandlingReminder = 3,     // 办理期限将到
    HandlingEscalation = 4,   // 超期未办结
    DecisionReminder = 5,     // 信访受理告知期限将到 (petition still with the bureau)
    DecisionEscalation = 6,   // 信访超期未决定是否受理
}
