using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;

namespace Yiju.Bench.Hotline;

/// <summary>
/// Bulk-loads realistic tickets with their timelines by binary COPY: a year of intake ending now, with the hotline's
/// mix of types, channels and categories (heating in the heating season), real message texts, units by the category's
/// routing level, and each ticket advanced through dispatch, sign-for, reply, callback and close as far as its age
/// allows (a few late, returned, extended or merged). The hotline indexes are dropped during the COPY and rebuilt after;
/// the daily number counters are set so live intake continues the sequences. Bulk rows bypass the audit chain.
/// </summary>
public static class Loader
{
    private sealed record Unit(long Id, string Name, UnitKind Kind, long? DistrictId, double? Lat, double? Lon);

    public static async Task Run(string connectionString, string dataFolder, int count, int seed)
    {
        var total = Stopwatch.StartNew();
        var corpus = Corpus.Load(dataFolder);
        var random = new Random(seed);
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var c = await source.OpenConnectionAsync();

        var categories = new List<(string Code, UnitKind Level, bool Heating)>();
        await using (var cmd = new NpgsqlCommand("SELECT code, route_level FROM hotline_category WHERE parent_code IS NOT NULL AND is_active ORDER BY code", c))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
                categories.Add((r.GetString(0), (UnitKind)r.GetInt32(1), r.GetString(0).StartsWith("heating", StringComparison.Ordinal)));
        }
        var departments = await Units(c, "SELECT id, name, NULL::bigint, NULL::float8, NULL::float8 FROM org_department WHERE active", UnitKind.Department);
        var districts = await Units(c, "SELECT id, name, id, centroid_latitude, centroid_longitude FROM org_unit WHERE level = 2", UnitKind.District);
        var streets = await Units(c, "SELECT id, name, parent_id, centroid_latitude, centroid_longitude FROM org_unit WHERE level = 3", UnitKind.Street);
        if (categories.Count == 0 || departments.Count == 0 || districts.Count == 0 || streets.Count == 0)
            throw new InvalidOperationException("seed the database first (categories, departments, districts, streets)");
        var districtById = districts.ToDictionary(d => d.Id);

        // Drop the secondary indexes of the two tables; rebuilt after the COPY. Their definitions are kept in a table
        // until they are rebuilt, so a load that fails half-way is followed by one that restores them all.
        await Exec(c, "CREATE TABLE IF NOT EXISTS bench_saved_index (def text PRIMARY KEY)");
        await Exec(c, """
            INSERT INTO bench_saved_index SELECT i.indexdef FROM pg_indexes i
            WHERE i.tablename IN ('hotline_ticket', 'hotline_ticket_event') AND i.indexname NOT LIKE 'pk_%'
            ON CONFLICT DO NOTHING
            """);
        var indexes = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT def FROM bench_saved_index", c))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
                indexes.Add(r.GetString(0));
        }
        await Exec(c, "TRUNCATE hotline_ticket, hotline_ticket_event, hotline_submission_key, hotline_number_counter CASCADE");
        // The two COPY streams run side by side, so the timeline's foreign key is checked once at the end instead.
        await Exec(c, "ALTER TABLE hotline_ticket_event DROP CONSTRAINT IF EXISTS fk_hotline_ticket_event_ticket_id");
        foreach (var def in indexes)
            await Exec(c, "DROP INDEX IF EXISTS " + def.Split(' ')[def.Split(' ')[1] == "UNIQUE" ? 3 : 2]);

        var now = DateTime.UtcNow;
        var shanghai = TimeSpan.FromHours(8);
        // Intake times over the last 365 days, busier in the day (Shanghai 08–22) and in the heating season.
        var times = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            DateTime t;
            do
            {
                t = now.AddSeconds(-random.NextDouble() * 365 * 86400);
                var local = t + shanghai;
                var weight = (local.Hour is >= 8 and < 22 ? 1.0 : 0.25) * (InHeatingSeason(local) ? 1.0 : 0.75);
                if (random.NextDouble() < weight)
                    break;
            }
            while (true);
            times[i] = t;
        }
        Array.Sort(times);

        await using var tc = await source.OpenConnectionAsync();
        await using var ec = await source.OpenConnectionAsync();
        var tickets = await tc.BeginBinaryImportAsync("""
            COPY hotline_ticket (id, number, version, type, channel, urgency, category_code, caller_name, caller_phone, title, original_text, text,
              address, latitude, longitude, district_id, street_id, status, current_unit_id, current_unit_kind, current_unit_name,
              accepted_at_utc, first_dispatched_at_utc, dispatched_at_utc, sign_for_due_utc, signed_for_at_utc, handling_due_utc, original_handling_due_utc,
              replied_at_utc, reply_text, closed_at_utc, resolved_at_intake, callback_at_utc, callback_resolved, callback_satisfaction,
              extension_pending, extension_requested_due_utc, extension_reason, extension_count, return_count, last_return_reason, reopen_count,
              supervision_count, last_supervised_at_utc, merged_into_ticket_id, duplicate_count, escalated, escalated_at_utc, petition_declined, review_count,
              search_grams)
              FROM STDIN (FORMAT BINARY)
            """);
        var events = await ec.BeginBinaryImportAsync("""
            COPY hotline_ticket_event (ticket_id, sequence, at_utc, action, actor_person_id, actor_name, actor_role, actor_unit_id,
              from_status, to_status, from_unit_id, to_unit_id, note) FROM STDIN (FORMAT BINARY)
            """);
        var counters = new Dictionary<(string, string), int>();
        var eventCount = 0L;
        Guid? lastClosed = null;
        for (var i = 0; i < count; i++)
        {
            var accepted = times[i];
            var local = accepted + shanghai;
            var type = Pick(random, TypeWeights);
            var prefix = type == TicketType.Petition ? "XF" : "12345";
            var day = local.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var seq = counters[(prefix, day)] = counters.GetValueOrDefault((prefix, day)) + 1;
            var number = $"{prefix}-{day}-{seq:D6}";
            var id = Guid.CreateVersion7(new DateTimeOffset(accepted, TimeSpan.Zero));
            var category = PickCategory(random, categories, InHeatingSeason(local));
            var channel = Pick(random, ChannelWeights);
            var urgency = Pick(random, UrgencyWeights);
            var street = streets[random.Next(streets.Count)];
            var district = street.DistrictId is { } did && districtById.TryGetValue(did, out var d) ? d : districts[random.Next(districts.Count)];
            var hasPoint = street.Lat is not null && random.Next(10) < 7;
            var text = corpus.Text(random);
            var state = new Progress(id, accepted);
            state.Event(TicketAction.Accept, accepted, "话务员", HotlineRole.HotlineOperator, null, TicketStatus.Accepted, TicketStatus.Accepted, null, null);

            Unit? unit = null;
            DateTime? firstDispatched = null, signForDue = null, signedFor = null, handlingDue = null, replied = null, callbackAt = null, closed = null;
            bool? resolved = null;
            Satisfaction? satisfaction = null;
            string? reply = null;
            var resolvedAtIntake = type is TicketType.Consultation or TicketType.Praise ? random.Next(10) < 7 : random.Next(100) < 4;
            var status = TicketStatus.Accepted;
            // Returns and pending extensions are settled within weeks; only recent tickets are still waiting on one.
            var recent = now - accepted < TimeSpan.FromDays(30);
            var returnCount = 0;
            var extensionPending = false;
            if (resolvedAtIntake)
            {
                closed = accepted.AddMinutes(2 + random.Next(15));
                if (closed < now)
                {
                    reply = corpus.Reply(random);
                    status = TicketStatus.Closed;
                    state.Event(TicketAction.ResolveAtIntake, closed.Value, "话务员", HotlineRole.HotlineOperator, null, TicketStatus.Accepted, TicketStatus.Closed, null, null);
                }
                else
                {
                    closed = null;
                    resolvedAtIntake = false;
                }
            }
            else
            {
                var dispatched = accepted.AddMinutes(5 + random.Next(120));
                if (dispatched < now)
                {
                    unit = category.Level switch
                    {
                        UnitKind.Street => street,
                        UnitKind.District => district,
                        _ => departments[random.Next(departments.Count)],
                    };
                    firstDispatched = dispatched;
                    var urgent = urgency != Urgency.Normal;
                    signForDue = dispatched.AddHours(urgent ? 2 : 24);
                    handlingDue = dispatched.AddDays(urgent ? 1 : type == TicketType.Petition ? 60 : 7);
                    status = TicketStatus.Dispatched;
                    state.Event(TicketAction.Dispatch, dispatched, "派单员", HotlineRole.HotlineOperator, null, TicketStatus.Accepted, TicketStatus.Dispatched, null, unit.Id);
                    // 5% sign late; replies mostly well before the deadline, 8% after it.
                    var sign = dispatched.AddHours(random.Next(100) < 95 ? random.NextDouble() * (urgent ? 1.5 : 20) : (urgent ? 2 : 24) + random.NextDouble() * 24);
                    if (recent && random.Next(100) < 1 && sign < now)
                    {
                        status = TicketStatus.Returned;
                        returnCount = 1;
                        state.Event(TicketAction.Return, sign, "承办人", Role(unit.Kind), unit.Id, TicketStatus.Dispatched, TicketStatus.Returned, unit.Id, null);
                    }
                    else if (sign < now)
                    {
                        signedFor = sign;
                        status = TicketStatus.InHandling;
                        state.Event(TicketAction.SignFor, sign, "承办人", Role(unit.Kind), unit.Id, TicketStatus.Dispatched, TicketStatus.InHandling, unit.Id, unit.Id);
                        var span = (handlingDue.Value - sign).TotalHours;
                        var rep = sign.AddHours(random.Next(100) < 92 ? random.NextDouble() * span * 0.9 : span + random.NextDouble() * 72);
                        if (recent && random.Next(100) < 1)
                        {
                            extensionPending = true;
                            state.Event(TicketAction.RequestExtension, sign.AddHours(span / 2), "承办人", Role(unit.Kind), unit.Id, TicketStatus.InHandling, TicketStatus.InHandling, unit.Id, unit.Id);
                        }
                        else if (rep < now)
                        {
                            replied = rep;
                            reply = corpus.Reply(random);
                            status = TicketStatus.Replied;
                            state.Event(TicketAction.Reply, rep, "承办人", Role(unit.Kind), unit.Id, TicketStatus.InHandling, TicketStatus.Replied, unit.Id, unit.Id);
                            var cb = rep.AddHours(1 + random.NextDouble() * 47);
                            if (cb < now)
                            {
                                callbackAt = cb;
                                resolved = random.Next(100) < 88;
                                satisfaction = Pick(random, SatisfactionWeights);
                                state.Event(TicketAction.Callback, cb, "回访员", HotlineRole.CallbackOperator, null, TicketStatus.Replied, TicketStatus.Replied, unit.Id, unit.Id);
                                closed = cb.AddMinutes(1 + random.Next(30));
                                if (closed < now)
                                {
                                    status = TicketStatus.Closed;
                                    state.Event(TicketAction.Close, closed.Value, "回访员", HotlineRole.CallbackOperator, null, TicketStatus.Replied, TicketStatus.Closed, unit.Id, unit.Id);
                                }
                                else
                                {
                                    closed = null;
                                }
                            }
                        }
                    }
                }
            }
            Guid? mergedInto = null;
            if (status is TicketStatus.Dispatched or TicketStatus.InHandling && lastClosed is not null && random.Next(200) == 0)
            {
                // A duplicate merged into an earlier ticket.
                state.Event(TicketAction.Merge, accepted.AddMinutes(30), "话务员", HotlineRole.HotlineOperator, null, status, TicketStatus.Merged, unit?.Id, null);
                status = TicketStatus.Merged;
                mergedInto = lastClosed;
            }
            if (status == TicketStatus.Closed)
                lastClosed = id;

            tickets.StartRow();
            tickets.Write(id, NpgsqlDbType.Uuid);
            tickets.Write(number, NpgsqlDbType.Varchar);
            tickets.Write(state.Events.Count, NpgsqlDbType.Integer);
            tickets.Write((int)type, NpgsqlDbType.Integer);
            tickets.Write((int)channel, NpgsqlDbType.Integer);
            tickets.Write((int)urgency, NpgsqlDbType.Integer);
            tickets.Write(category.Code, NpgsqlDbType.Varchar);
            tickets.Write(Surnames[random.Next(Surnames.Length)] + (random.Next(2) == 0 ? "先生" : "女士"), NpgsqlDbType.Varchar);
            tickets.Write("13" + random.Next(100000000, 999999999).ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Varchar);
            tickets.WriteNull();
            tickets.Write(text, NpgsqlDbType.Varchar);
            tickets.Write(text, NpgsqlDbType.Varchar);
            var address = street.Name + (1 + random.Next(300)).ToString(CultureInfo.InvariantCulture) + "号";
            tickets.Write(address, NpgsqlDbType.Varchar);
            Nullable<double>(tickets, hasPoint ? street.Lat!.Value + (random.NextDouble() - 0.5) * 0.01 : null, NpgsqlDbType.Double);
            Nullable<double>(tickets, hasPoint ? street.Lon!.Value + (random.NextDouble() - 0.5) * 0.01 : null, NpgsqlDbType.Double);
            tickets.Write(district.Id, NpgsqlDbType.Bigint);
            tickets.Write(street.Id, NpgsqlDbType.Bigint);
            tickets.Write((int)status, NpgsqlDbType.Integer);
            var holds = status is TicketStatus.Dispatched or TicketStatus.InHandling or TicketStatus.Replied or TicketStatus.Closed && unit is not null;
            Nullable<long>(tickets, holds ? unit!.Id : null, NpgsqlDbType.Bigint);
            Nullable<int>(tickets, holds ? (int)unit!.Kind : null, NpgsqlDbType.Integer);
            NullableText(tickets, holds ? unit!.Name : null);
            tickets.Write(accepted, NpgsqlDbType.TimestampTz);
            Nullable(tickets, firstDispatched, NpgsqlDbType.TimestampTz);
            Nullable(tickets, firstDispatched, NpgsqlDbType.TimestampTz);
            Nullable(tickets, signForDue, NpgsqlDbType.TimestampTz);
            Nullable(tickets, signedFor, NpgsqlDbType.TimestampTz);
            Nullable(tickets, handlingDue, NpgsqlDbType.TimestampTz);
            Nullable(tickets, handlingDue, NpgsqlDbType.TimestampTz);
            Nullable(tickets, replied, NpgsqlDbType.TimestampTz);
            NullableText(tickets, reply);
            Nullable(tickets, closed, NpgsqlDbType.TimestampTz);
            tickets.Write(resolvedAtIntake, NpgsqlDbType.Boolean);
            Nullable(tickets, callbackAt, NpgsqlDbType.TimestampTz);
            Nullable(tickets, resolved, NpgsqlDbType.Boolean);
            Nullable<int>(tickets, satisfaction is { } s ? (int)s : null, NpgsqlDbType.Integer);
            tickets.Write(extensionPending, NpgsqlDbType.Boolean);
            Nullable<DateTime>(tickets, extensionPending ? handlingDue!.Value.AddDays(5) : null, NpgsqlDbType.TimestampTz);
            NullableText(tickets, extensionPending ? "需协调多个部门，申请延期 (needs several departments)" : null);
            tickets.Write(0, NpgsqlDbType.Integer);
            tickets.Write(returnCount, NpgsqlDbType.Integer);
            NullableText(tickets, returnCount > 0 ? "不属于本单位职责 (not this unit's responsibility)" : null);
            tickets.Write(0, NpgsqlDbType.Integer);
            tickets.Write(0, NpgsqlDbType.Integer);
            tickets.WriteNull();
            Nullable(tickets, mergedInto, NpgsqlDbType.Uuid);
            tickets.Write(0, NpgsqlDbType.Integer);
            // Steady state of the deadline job: an open ticket past its handling deadline has been escalated once.
            var escalated = status is TicketStatus.Dispatched or TicketStatus.InHandling && handlingDue < now;
            tickets.Write(escalated, NpgsqlDbType.Boolean);
            Nullable<DateTime>(tickets, escalated ? handlingDue : null, NpgsqlDbType.TimestampTz);
            tickets.Write(false, NpgsqlDbType.Boolean);
            tickets.Write(0, NpgsqlDbType.Integer);
            // What Yiju's save keeps for an open ticket's indexed search (TicketSearchCodesInterceptor).
            if (status is TicketStatus.Closed or TicketStatus.Merged)
                tickets.WriteNull();
            else
                tickets.Write(TicketTextSearch.Codes(text, address), NpgsqlDbType.Array | NpgsqlDbType.Integer);

            foreach (var e in state.Events)
            {
                events.StartRow();
                events.Write(id, NpgsqlDbType.Uuid);
                events.Write(e.Sequence, NpgsqlDbType.Integer);
                events.Write(e.At, NpgsqlDbType.TimestampTz);
                events.Write((int)e.Action, NpgsqlDbType.Integer);
                events.WriteNull();
                events.Write(e.ActorName, NpgsqlDbType.Varchar);
                events.Write((int)e.Role, NpgsqlDbType.Integer);
                Nullable(events, e.ActorUnit, NpgsqlDbType.Bigint);
                events.Write((int)e.From, NpgsqlDbType.Integer);
                events.Write((int)e.To, NpgsqlDbType.Integer);
                Nullable(events, e.FromUnit, NpgsqlDbType.Bigint);
                Nullable(events, e.ToUnit, NpgsqlDbType.Bigint);
                events.WriteNull();
                eventCount++;
            }
            if ((i + 1) % 250_000 == 0)
                Console.WriteLine($"  {i + 1:N0} tickets, {eventCount:N0} events, {total.Elapsed.TotalSeconds:F0} s");
        }
        await tickets.CompleteAsync();
        await events.CompleteAsync();
        await tickets.DisposeAsync();
        await events.DisposeAsync();
        var copied = total.Elapsed;

        foreach (var ((prefix, day), last) in counters)
            await Exec(c, $"INSERT INTO hotline_number_counter (prefix, day, last_number) VALUES ('{prefix}', '{day}', {last})");
        // Rebuild the indexes two at a time (one per CPU).
        var rebuild = Stopwatch.StartNew();
        await Parallel.ForEachAsync(indexes, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (def, ct) =>
        {
            await using var ic = await source.OpenConnectionAsync(ct);
            await Exec(ic, def);
        });
        await Exec(c, "ALTER TABLE hotline_ticket_event ADD CONSTRAINT fk_hotline_ticket_event_ticket_id FOREIGN KEY (ticket_id) REFERENCES hotline_ticket (id) ON DELETE CASCADE");
        var indexed = rebuild.Elapsed;
        await Exec(c, "DROP TABLE bench_saved_index");
        await Exec(c, "VACUUM (ANALYZE) hotline_ticket");
        await Exec(c, "VACUUM (ANALYZE) hotline_ticket_event");
        Console.WriteLine(FormattableString.Invariant(
            $"load: {count:N0} tickets and {eventCount:N0} events by COPY in {copied.TotalSeconds:F1} s ({count / copied.TotalSeconds:N0} tickets/s); {indexes.Count} indexes rebuilt in {indexed.TotalSeconds:F1} s; vacuum+analyze; total {total.Elapsed.TotalSeconds:F1} s"));
    }

    private sealed class Progress(Guid id, DateTime accepted)
    {
        public List<(int Sequence, DateTime At, TicketAction Action, string ActorName, HotlineRole Role, long? ActorUnit, TicketStatus From, TicketStatus To, long? FromUnit, long? ToUnit)> Events { get; } = [];

        public Guid Id => id;

        public DateTime Accepted => accepted;

        public void Event(TicketAction action, DateTime at, string actor, HotlineRole role, long? actorUnit, TicketStatus from, TicketStatus to, long? fromUnit, long? toUnit) =>
            Events.Add((Events.Count + 1, at, action, actor, role, actorUnit, from, to, fromUnit, toUnit));
    }

    private static HotlineRole Role(UnitKind kind) => kind switch
    {
        UnitKind.Street => HotlineRole.StreetStaff,
        UnitKind.District => HotlineRole.DistrictStaff,
        _ => HotlineRole.DepartmentStaff,
    };

    // Harbin's heating season runs from 20 October to 20 April.
    private static bool InHeatingSeason(DateTime local) => local.Month is >= 11 or <= 3 || (local.Month == 10 && local.Day >= 20) || (local.Month == 4 && local.Day <= 20);

    private static (string Code, UnitKind Level, bool Heating) PickCategory(Random random, List<(string Code, UnitKind Level, bool Heating)> categories, bool heatingSeason)
    {
        // In the heating season about a quarter of all calls are about heating.
        if (heatingSeason && random.Next(4) == 0)
        {
            var heating = categories.Where(c => c.Heating).ToList();
            if (heating.Count > 0)
                return heating[random.Next(heating.Count)];
        }
        return categories[random.Next(categories.Count)];
    }

    private static readonly (TicketType, int)[] TypeWeights =
        [(TicketType.Complaint, 45), (TicketType.Help, 24), (TicketType.Consultation, 20), (TicketType.Suggestion, 7), (TicketType.Praise, 3), (TicketType.Petition, 1)];

    private static readonly (Channel, int)[] ChannelWeights = [(Channel.Phone, 72), (Channel.WebForm, 14), (Channel.Open311, 10), (Channel.Letter, 2), (Channel.Visit, 2)];

    private static readonly (Urgency, int)[] UrgencyWeights = [(Urgency.Normal, 92), (Urgency.Urgent, 7), (Urgency.VeryUrgent, 1)];

    private static readonly (Satisfaction, int)[] SatisfactionWeights = [(Satisfaction.Satisfied, 75), (Satisfaction.BasicallySatisfied, 17), (Satisfaction.Dissatisfied, 8)];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"];

    private static T Pick<T>(Random random, (T Value, int Weight)[] weights)
    {
        var roll = random.Next(weights.Sum(w => w.Weight));
        foreach (var (value, weight) in weights)
        {
            if (roll < weight)
                return value;
            roll -= weight;
        }
        return weights[^1].Value;
    }

    private static async Task<List<Unit>> Units(NpgsqlConnection c, string sql, UnitKind kind)
    {
        var list = new List<Unit>();
        await using var cmd = new NpgsqlCommand(sql, c);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            list.Add(new Unit(r.GetInt64(0), r.GetString(1), kind, r.IsDBNull(2) ? null : r.GetInt64(2),
                r.IsDBNull(3) ? null : r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4)));
        }
        return list;
    }

    private static void Nullable<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v)
            w.Write(v, type);
        else
            w.WriteNull();
    }

    private static void NullableText(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
            w.WriteNull();
        else
            w.Write(value, NpgsqlDbType.Varchar);
    }

    private static async Task Exec(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
