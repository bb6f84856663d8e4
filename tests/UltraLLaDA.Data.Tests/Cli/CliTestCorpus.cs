using System.Text.Json;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Cli;

/// <summary>
/// A JSONL corpus made from the books in samples/pg19-mini, repeated so a pack job runs long enough
/// to be interrupted mid-way (about 6 MB of text), with an empty and a null text among them.
/// </summary>
public static class CliTestCorpus
{
    public static string Write(string folder, int copies = 20)
    {
        var books = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "samples", "pg19-mini"), "*.txt", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();
        var path = Path.Combine(folder, "train.jsonl");
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        for (var copy = 0; copy < copies; copy++)
        {
            for (var b = 0; b < books.Length; b++)
                writer.WriteLine(JsonSerializer.Serialize(new { text = books[b], title = $"book {b} copy {copy}" }));
            if (copy == 3)
            {
                writer.WriteLine("""{"text": "", "title": "empty"}""");
                writer.WriteLine("""{"text": null, "title": "null"}""");
            }
        }

        return path;
    }
}
