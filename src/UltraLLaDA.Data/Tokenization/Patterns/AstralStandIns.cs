using System.Globalization;
using System.Text.RegularExpressions;

namespace UltraLLaDA.Data.Tokenization.Patterns;

/// <summary>
/// .NET's Regex sees a character outside the BMP as two surrogates, each of category Cs, while
/// Oniguruma sees one code point with its own category (𝔘 is a letter, 😀 a symbol). Before
/// matching, <see cref="SplitRegex"/> replaces each such pair by one BMP "stand-in" of the same
/// general category; every construct the translator lets through (categories, \s, \d, '.') then
/// treats the stand-in exactly as Oniguruma treats the code point. A stand-in is never a character
/// the pattern names literally, so a literal or a class range cannot capture it by accident.
/// </summary>
internal sealed class AstralStandIns
{
    private static readonly Lazy<bool[]> _astralCategories = new(FindAstralCategories);

    private readonly char[] _byCategory;

    private AstralStandIns(char[] byCategory) => _byCategory = byCategory;

    /// <summary>The stand-in for the code point <paramref name="codePoint"/> (above U+FFFF).</summary>
    public char For(int codePoint) => _byCategory[(int)CharUnicodeInfo.GetUnicodeCategory(codePoint)];

    /// <summary>Picks stand-ins that avoid every literal character of <paramref name="pattern"/>.</summary>
    public static AstralStandIns For(TranslatedPattern pattern)
    {
        var present = _astralCategories.Value;
        var byCategory = new char[present.Length];
        var whitespace = new Regex(@"^\s$", RegexOptions.CultureInvariant);
        for (var category = 0; category < present.Length; category++)
        {
            if (!present[category])
                continue;
            var found = false;
            for (int c = char.MaxValue; c > 0 && !found; c--)
            {
                var candidate = (char)c;
                if (char.IsSurrogate(candidate)
                    || (int)CharUnicodeInfo.GetUnicodeCategory(candidate) != category
                    || whitespace.IsMatch(candidate.ToString())
                    || IsLiteral(pattern, candidate))
                {
                    continue;
                }
                byCategory[category] = candidate;
                found = true;
            }
            if (!found)
                throw new UnsupportedPatternException($"no stand-in for astral characters of category {(UnicodeCategory)category}: the pattern names every such BMP character");
        }
        return new AstralStandIns(byCategory);
    }

    private static bool IsLiteral(TranslatedPattern pattern, char c)
    {
        foreach (var (first, last) in pattern.LiteralRanges)
        {
            if (c >= first && c <= last)
                return true;
        }
        return false;
    }

    private static bool[] FindAstralCategories()
    {
        var present = new bool[(int)UnicodeCategory.OtherNotAssigned + 1];
        for (var codePoint = 0x10000; codePoint <= 0x10FFFF; codePoint++)
            present[(int)CharUnicodeInfo.GetUnicodeCategory(codePoint)] = true;
        return present;
    }
}
