using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Yiju.Places.Domain;

public sealed record PopulationRecord(double Latitude, double Longitude, AgeCounts Counts);

/// <summary>
/// Census or survey population as CSV: lat,lon,total,age_0_3,age_3_6,age_6_12,age_12_15,age_65_plus (WGS84; one row
/// per residential point or grid-cell centroid). Age groups must not add up to more than the total.
/// </summary>
public static class PopulationFile
{
    public static readonly string[] Header = ["lat", "lon", "total", "age_0_3", "age_3_6", "age_6_12", "age_12_15", "age_65_plus"];

    public static (List<PopulationRecord> Rows, List<string> Errors) ReadCsv(TextReader reader)
    {
        var rows = new List<PopulationRecord>();
        var errors = new List<string>();
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, MissingFieldFound = null });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null || !Header.All(h => csv.HeaderRecord.Contains(h, StringComparer.Ordinal)))
            return ([], [$"CSV 表头须为 {string.Join(',', Header)} (header must be {string.Join(',', Header)})"]);
        var line = 1;
        while (csv.Read())
        {
            line++;
            var values = new double[Header.Length];
            var ok = true;
            for (var i = 0; i < Header.Length; i++)
            {
                if (!double.TryParse(csv.GetField(Header[i]), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                {
                    errors.Add($"第 {line} 行: {Header[i]} 不是数字 (not a number)");
                    ok = false;
                    break;
                }
            }

            if (!ok)
                continue;
            if (values[0] is < -90 or > 90 || values[1] is < -180 or > 180)
            {
                errors.Add($"第 {line} 行: 坐标无效 (invalid coordinates)");
                continue;
            }

            if (values.Skip(2).Any(v => v < 0) || values[3] + values[4] + values[5] + values[6] + values[7] > values[2] + 1e-6)
            {
                errors.Add($"第 {line} 行: 人数为负或年龄组之和超过总数 (negative counts, or age groups exceed the total)");
                continue;
            }

            rows.Add(new PopulationRecord(values[0], values[1], new AgeCounts(values[2], values[3], values[4], values[5], values[6], values[7])));
        }

        if (rows.Count == 0 && errors.Count == 0)
            errors.Add("文件没有数据行 (no data rows)");
        return (rows, errors);
    }
}
