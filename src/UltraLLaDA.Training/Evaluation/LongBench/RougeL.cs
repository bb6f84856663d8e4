namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>
/// ROUGE-L F of the <c>rouge</c> PyPI package (pltrdy/rouge 1.0.x), as LongBench's rouge_score calls it:
/// <c>Rouge().get_scores([hyp], [ref], avg=True)["rouge-l"]["f"]</c>, any exception scored 0.
/// </summary>
/// <remarks>
/// What the package does, reproduced: each text is split into "sentences" at every '.', empty pieces dropped, each
/// piece's white space collapsed (a piece of only spaces stays, as an empty sentence); words are the pieces split at
/// single spaces. With its default <c>exclusive=True</c> word counts and the LCS union are <em>sets</em>: m and n
/// are the numbers of distinct words of reference and hypothesis, and for each reference sentence the words of its
/// LCS with every hypothesis sentence (reconstructed with the package's tie rule) join one running set; the
/// summary-level LCS is that set's size. F = 2PR / (P + R + 1e-8). No sentence on either side raises in the
/// package (hence 0). Not reproduced: the package's LCS reconstruction is recursive, so a pair of sentences longer
/// than Python's recursion limit (about 1,000 words together) raises RecursionError there and scores 0; here it is scored.
/// </remarks>
public static class RougeL
{
    /// <summary>The F score in [0, 1].</summary>
    public static double F(string hypothesis, string reference)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(reference);
        var hyp = Sentences(hypothesis);
        var refs = Sentences(reference);
        if (hyp.Count == 0 || refs.Count == 0)
            return 0;

        var m = refs.SelectMany(s => s).ToHashSet(StringComparer.Ordinal).Count;
        var n = hyp.SelectMany(s => s).ToHashSet(StringComparer.Ordinal).Count;
        var union = new HashSet<string>(StringComparer.Ordinal);
        var llcs = 0;
        foreach (var referenceWords in refs)
        {
            var before = union.Count;
            foreach (var hypothesisWords in hyp)
                union.UnionWith(LcsWords(referenceWords, hypothesisWords));
            llcs += union.Count - before;
        }

        var r = llcs / (double)m;
        var p = llcs / (double)n;
        return 2.0 * (p * r / (p + r + 1e-8));
    }

    /// <summary>The package's preprocessing: split at '.', drop empty pieces, collapse white space, split at ' '.</summary>
    public static IReadOnlyList<string[]> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split('.').Where(piece => piece.Length > 0).Select(piece => PythonText.JoinSpace(PythonText.SplitWhitespace(piece)).Split(' '))];
    }

    /// <summary>_recon_lcs(x, y): the LCS of x and y as words, read back from the DP table with the package's tie rule (up only when strictly better).</summary>
    public static List<string> LcsWords(string[] x, string[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var table = new int[x.Length + 1, y.Length + 1];
        for (var i = 1; i <= x.Length; i++)
        {
            for (var j = 1; j <= y.Length; j++)
                table[i, j] = string.Equals(x[i - 1], y[j - 1], StringComparison.Ordinal) ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
        }

        var words = new List<string>();
        var (a, b) = (x.Length, y.Length);
        while (a > 0 && b > 0)
        {
            if (string.Equals(x[a - 1], y[b - 1], StringComparison.Ordinal))
            {
                words.Add(x[a - 1]);
                a--;
                b--;
            }
            else if (table[a - 1, b] > table[a, b - 1])
            {
                a--;
            }
            else
            {
                b--;
            }
        }

        words.Reverse();
        return words;
    }
}
