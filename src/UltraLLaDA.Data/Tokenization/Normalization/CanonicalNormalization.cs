using System.Text;

namespace UltraLLaDA.Data.Tokenization.Normalization;

/// <summary>
/// Unicode canonical normalization (UAX #15) from the tables in <see cref="UnicodeNormalizationData"/>.
/// It exists because this project runs in globalization-invariant mode, where .NET's
/// <c>string.Normalize</c> silently returns non-ASCII text unchanged. Most text is already in NFC, so a
/// quick check returns the input itself unless some character could change.
/// </summary>
internal static class CanonicalNormalization
{
    private const int HangulSBase = 0xAC00;
    private const int HangulLBase = 0x1100;
    private const int HangulVBase = 0x1161;
    private const int HangulTBase = 0x11A7;
    private const int HangulLCount = 19;
    private const int HangulVCount = 21;
    private const int HangulTCount = 28;
    private const int HangulNCount = HangulVCount * HangulTCount;
    private const int HangulSCount = HangulLCount * HangulNCount;

    private static readonly Tables _tables = new();

    /// <summary>The NFC form of <paramref name="text"/>; the same instance when it is already NFC.</summary>
    public static string ToNfc(string text)
    {
        if (IsQuickNfc(text))
            return text;
        var codePoints = Decompose(text);
        Reorder(codePoints);
        Compose(codePoints);
        return ToString(codePoints);
    }

    /// <summary>The NFD form of <paramref name="text"/>.</summary>
    public static string ToNfd(string text)
    {
        // Nothing below U+00C0 decomposes or has a combining class.
        if (text.AsSpan().IndexOfAnyExceptInRange('\0', '\u00BF') < 0)
            return text;
        var codePoints = Decompose(text);
        Reorder(codePoints);
        return ToString(codePoints);
    }

    // True when no character can change under NFC: every one is NFC_QC=Yes with combining class 0.
    private static bool IsQuickNfc(string text)
    {
        var span = text.AsSpan();
        var i = span.IndexOfAnyExceptInRange('\0', '\u02FF');
        if (i < 0)
            return true;
        var attention = _tables.Attention;
        for (; i < span.Length; i++)
        {
            var c = span[i];
            if (c < 0x300)
                continue;
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                if (_tables.AstralAttention.Contains(char.ConvertToUtf32(c, span[i + 1])))
                    return false;
                i++;
            }
            else if (attention[c])
            {
                return false;
            }
        }
        return true;
    }

    private static List<int> Decompose(string text)
    {
        var result = new List<int>(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            int codePoint = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }
            DecomposeInto(codePoint, result);
        }
        return result;
    }

    private static void DecomposeInto(int codePoint, List<int> output)
    {
        if (codePoint >= HangulSBase && codePoint < HangulSBase + HangulSCount)
        {
            var index = codePoint - HangulSBase;
            output.Add(HangulLBase + (index / HangulNCount));
            output.Add(HangulVBase + (index % HangulNCount / HangulTCount));
            if (index % HangulTCount != 0)
                output.Add(HangulTBase + (index % HangulTCount));
            return;
        }
        if (_tables.Decompositions.TryGetValue(codePoint, out var parts))
        {
            DecomposeInto(parts.First, output);
            if (parts.Second != 0)
                DecomposeInto(parts.Second, output);
            return;
        }
        output.Add(codePoint);
    }

    // Canonical ordering: a stable sort of each run of non-starters by combining class.
    private static void Reorder(List<int> codePoints)
    {
        for (var i = 1; i < codePoints.Count; i++)
        {
            var ccc = CombiningClass(codePoints[i]);
            if (ccc == 0)
                continue;
            var j = i;
            var current = codePoints[i];
            while (j > 0 && CombiningClass(codePoints[j - 1]) > ccc)
            {
                codePoints[j] = codePoints[j - 1];
                j--;
            }
            codePoints[j] = current;
        }
    }

    private static void Compose(List<int> codePoints)
    {
        var starter = -1;
        var lastClass = -1;
        var write = 0;
        for (var read = 0; read < codePoints.Count; read++)
        {
            var codePoint = codePoints[read];
            var ccc = CombiningClass(codePoint);
            // Not blocked: nothing between the starter and this character, or only characters of a lower class.
            if (starter >= 0 && (lastClass == -1 || (lastClass != 0 && lastClass < ccc)) && TryCompose(codePoints[starter], codePoint, out var composite))
            {
                codePoints[starter] = composite;
                continue;
            }
            if (ccc == 0)
            {
                starter = write;
                lastClass = -1;
            }
            else
            {
                lastClass = ccc;
            }
            codePoints[write++] = codePoint;
        }
        codePoints.RemoveRange(write, codePoints.Count - write);
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        if (first >= HangulLBase && first < HangulLBase + HangulLCount && second >= HangulVBase && second < HangulVBase + HangulVCount)
        {
            composite = HangulSBase + ((((first - HangulLBase) * HangulVCount) + (second - HangulVBase)) * HangulTCount);
            return true;
        }
        if (first >= HangulSBase && first < HangulSBase + HangulSCount && (first - HangulSBase) % HangulTCount == 0
            && second > HangulTBase && second < HangulTBase + HangulTCount)
        {
            composite = first + (second - HangulTBase);
            return true;
        }
        return _tables.Compositions.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private static int CombiningClass(int codePoint) => _tables.CombiningClasses.GetValueOrDefault(codePoint);

    private static string ToString(List<int> codePoints)
    {
        var builder = new StringBuilder(codePoints.Count);
        foreach (var codePoint in codePoints)
            builder.Append(char.ConvertFromUtf32(codePoint));
        return builder.ToString();
    }

    private sealed class Tables
    {
        public Tables()
        {
            var classes = UnicodeNormalizationData.CombiningClasses;
            foreach (var packed in classes)
                CombiningClasses[packed >> 8] = packed & 0xFF;

            var decompositions = UnicodeNormalizationData.Decompositions;
            for (var i = 0; i < decompositions.Length; i += 3)
                Decompositions[decompositions[i]] = (decompositions[i + 1], decompositions[i + 2]);

            var excluded = new HashSet<int>();
            foreach (var codePoint in UnicodeNormalizationData.CompositionExclusions)
                excluded.Add(codePoint);

            var mayChange = new HashSet<int>(CombiningClasses.Keys);
            foreach (var (composite, (first, second)) in Decompositions)
            {
                // Singletons, non-starter decompositions and listed exclusions never come back in NFC.
                var recomposes = second != 0 && !excluded.Contains(composite)
                    && CombiningClasses.GetValueOrDefault(composite) == 0 && CombiningClasses.GetValueOrDefault(first) == 0;
                if (recomposes)
                {
                    Compositions[((long)first << 21) | (uint)second] = composite;
                    mayChange.Add(second);
                }
                else
                {
                    mayChange.Add(composite);
                }
            }
            // Hangul vowels and trailing consonants combine with the syllable before them.
            for (var v = HangulVBase; v < HangulVBase + HangulVCount; v++)
                mayChange.Add(v);
            for (var t = HangulTBase + 1; t < HangulTBase + HangulTCount; t++)
                mayChange.Add(t);

            foreach (var codePoint in mayChange)
            {
                if (codePoint <= char.MaxValue)
                    Attention[codePoint] = true;
                else
                    AstralAttention.Add(codePoint);
            }
        }

        public Dictionary<int, int> CombiningClasses { get; } = [];

        public Dictionary<int, (int First, int Second)> Decompositions { get; } = [];

        public Dictionary<long, int> Compositions { get; } = [];

        /// <summary>BMP characters that are not NFC_QC=Yes or have a non-zero combining class.</summary>
        public bool[] Attention { get; } = new bool[char.MaxValue + 1];

        public HashSet<int> AstralAttention { get; } = [];
    }
}
