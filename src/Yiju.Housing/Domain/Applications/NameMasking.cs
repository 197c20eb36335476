using System.Globalization;
using System.Text;

namespace Yiju.Housing.Domain.Applications;

/// <summary>Names as a public notice may show them.</summary>
public static class NameMasking
{
    /// <summary>
    /// Keeps the first and last character and replaces the rest with one asterisk each (张三明 → 张*明, 欧阳娜娜 → 欧**娜);
    /// a two-character name keeps only the first (张三 → 张*). Works on text elements so rare characters
    /// outside the BMP (𠮷) count as one character.
    /// </summary>
    public static string Mask(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        var elements = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(trimmed);
        while (e.MoveNext())
        {
            elements.Add(e.GetTextElement());
        }
        return elements.Count switch
        {
            0 => "",
            1 => "*",
            2 => elements[0] + "*",
            _ => new StringBuilder(elements[0]).Append('*', elements.Count - 2).Append(elements[^1]).ToString(),
        };
    }
}
