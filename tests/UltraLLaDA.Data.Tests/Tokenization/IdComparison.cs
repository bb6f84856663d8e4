using System.Text;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>Readable descriptions of where two id sequences part ways.</summary>
internal static class IdComparison
{
    /// <summary>Null when equal; else the first difference with a little context on both sides.</summary>
    public static string? Difference(string label, ReadOnlySpan<uint> expected, ReadOnlySpan<uint> actual)
    {
        if (expected.SequenceEqual(actual))
            return null;
        var first = 0;
        while (first < expected.Length && first < actual.Length && expected[first] == actual[first])
            first++;
        var from = Math.Max(0, first - 3);
        return new StringBuilder()
            .Append(label).Append(": ").Append(actual.Length).Append(" ids, expected ").Append(expected.Length)
            .Append("; first difference at ").Append(first)
            .Append(": expected [").AppendJoin(',', Window(expected, from)).Append("] got [").AppendJoin(',', Window(actual, from)).Append(']')
            .ToString();
    }

    /// <summary>Asserts that no difference was collected, listing all of them otherwise.</summary>
    public static void AssertNone(List<string> differences) =>
        Assert.True(differences.Count == 0, $"{differences.Count} difference(s):\n" + string.Join('\n', differences));

    private static uint[] Window(ReadOnlySpan<uint> ids, int from) => ids[Math.Min(from, ids.Length)..Math.Min(from + 10, ids.Length)].ToArray();
}
