namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>
/// Python's <c>difflib.SequenceMatcher(None, a, b).ratio()</c> over code points: 2·M / (|a| + |b|), M the total size
/// of the matching blocks that find_longest_match finds recursively (Ratcliff/Obershelp, not an LCS), with
/// difflib's autojunk rule: when b has 200 or more elements, an element occurring more than |b|/100 + 1 times is
/// "popular" and cannot start a match, though matches may still be extended over it.
/// </summary>
public static class SequenceMatcher
{
    /// <summary>The ratio in [0, 1]; 1 for two empty sequences, as difflib.</summary>
    public static double Ratio(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = PythonText.CodePoints(a);
        var y = PythonText.CodePoints(b);
        var total = x.Length + y.Length;
        return total == 0 ? 1.0 : 2.0 * Matches(x, y) / total;
    }

    /// <summary>The total size of get_matching_blocks().</summary>
    public static int Matches(int[] a, int[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var b2j = ChainB(b);
        var matches = 0;
        var queue = new Stack<(int ALo, int AHi, int BLo, int BHi)>();
        queue.Push((0, a.Length, 0, b.Length));
        while (queue.Count > 0)
        {
            var (alo, ahi, blo, bhi) = queue.Pop();
            var (i, j, k) = FindLongestMatch(a, b, b2j, alo, ahi, blo, bhi);
            if (k == 0)
                continue;
            matches += k;
            if (alo < i && blo < j)
                queue.Push((alo, i, blo, j));
            if (i + k < ahi && j + k < bhi)
                queue.Push((i + k, ahi, j + k, bhi));
        }

        return matches;
    }

    /// <summary>__chain_b: each element of b to its positions, popular elements removed (autojunk).</summary>
    private static Dictionary<int, List<int>> ChainB(int[] b)
    {
        var b2j = new Dictionary<int, List<int>>();
        for (var j = 0; j < b.Length; j++)
        {
            if (!b2j.TryGetValue(b[j], out var positions))
                b2j[b[j]] = positions = [];
            positions.Add(j);
        }

        if (b.Length >= 200)
        {
            var limit = (b.Length / 100) + 1;
            foreach (var popular in b2j.Where(pair => pair.Value.Count > limit).Select(pair => pair.Key).ToList())
                b2j.Remove(popular);
        }

        return b2j;
    }

    /// <summary>find_longest_match: the longest block, earliest in a then in b on ties, extended over equal neighbours.</summary>
    private static (int I, int J, int K) FindLongestMatch(int[] a, int[] b, Dictionary<int, List<int>> b2j, int alo, int ahi, int blo, int bhi)
    {
        var (besti, bestj, bestsize) = (alo, blo, 0);
        var j2len = new Dictionary<int, int>();
        for (var i = alo; i < ahi; i++)
        {
            var next = new Dictionary<int, int>();
            if (b2j.TryGetValue(a[i], out var positions))
            {
                foreach (var j in positions)
                {
                    if (j < blo)
                        continue;
                    if (j >= bhi)
                        break;
                    var k = next[j] = j2len.GetValueOrDefault(j - 1) + 1;
                    if (k > bestsize)
                        (besti, bestj, bestsize) = (i - k + 1, j - k + 1, k);
                }
            }

            j2len = next;
        }

        // No element is junk (isjunk is None), so difflib's two extension passes reduce to this one.
        while (besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1])
            (besti, bestj, bestsize) = (besti - 1, bestj - 1, bestsize + 1);
        while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] == b[bestj + bestsize])
            bestsize++;
        return (besti, bestj, bestsize);
    }
}
