using System.Globalization;

namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>
/// RULER's variable_tracking.py (one chain, four hops): "VAR A = 12345", then "VAR B = VAR A " and so on, hidden in
/// order among noise lines; the answers are every variable of the chain. A short solved example (3-letter names,
/// its own value, about 500 tokens) comes first, as RULER's in-context example.
/// </summary>
internal static class RulerVariableTrackingPrompt
{
    public const int Hops = 4;

    /// <summary>RULER's budget for the in-context example, in tokens.</summary>
    public const int ExampleTokens = 500;

    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static RulerHaystackDraft Draw(SetRandom random, int exampleNoiseLines)
    {
        var example = Example(random, exampleNoiseLines);
        var (names, chain, value) = Chain(random, 5);
        // RULER's hop lines end in a space before their line break; the space is left off here, as a tokenizer may
        // merge " \n" and the line would then not re-tokenize on its own.
        chain = [.. chain.Select(line => line.TrimEnd(' '))];
        var depths = RulerDraws.UniformDepths(random, chain.Count);
        var (before, after) = RulerTemplates.Split(Fill(value));
        return new RulerHaystackDraft(example + "\n" + before, [.. chain.Select((line, i) => (line, depths[i]))], "\n", after, names, KeepOrder: true);
    }

    /// <summary>The solved example with <paramref name="noiseLines"/> noise lines: its prompt, a space, its answer, a line break.</summary>
    public static string Example(SetRandom random, int noiseLines)
    {
        var (names, chain, value) = Chain(random, 3);
        var lines = Enumerable.Repeat(RulerTemplates.Noise, noiseLines).ToList();
        var positions = RulerDraws.Sample(random, Enumerable.Range(0, lines.Count).ToList(), Math.Min(chain.Count, lines.Count)).Order().ToList();
        for (var j = 0; j < positions.Count; j++)
            lines.Insert(positions[j] + j, chain[j]);
        for (var j = positions.Count; j < chain.Count; j++)
            lines.Add(chain[j]);
        var text = Fill(value).Replace(RulerTemplates.Context, string.Join("\n", lines), StringComparison.Ordinal);
        return text + " " + string.Join(" ", names) + "\n";
    }

    private static (List<string> Names, List<string> Chain, string Value) Chain(SetRandom random, int letters)
    {
        var names = new List<string>();
        while (names.Count < Hops + 1)
        {
            var name = RulerDraws.Letters(random, letters, Upper);
            if (!names.Contains(name))
                names.Add(name);
        }

        // np.random.randint(10000, 99999): five digits, 99999 excluded.
        var value = (10000 + random.NextInt64(89999)).ToString(CultureInfo.InvariantCulture);
        var chain = new List<string> { $"VAR {names[0]} = {value}" };
        for (var j = 0; j < Hops; j++)
            chain.Add($"VAR {names[j + 1]} = VAR {names[j]} ");
        return (names, chain, value);
    }

    private static string Fill(string value) => RulerTemplates.VariableTracking
        .Replace("{query}", value, StringComparison.Ordinal)
        .Replace("{num_v}", (Hops + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
