using System.Text.Json;

namespace UltraLLaDA.Data.Tests.Support;

/// <summary>
/// TestData/reference/concat-8192.json: the <see cref="PackFingerprint"/>s of the PG-19 packs recorded
/// before the architecture refactor, keyed "corpus/split/layout". Read from the source tree (not the
/// copy beside the assembly) so that recording writes the file that is committed.
/// </summary>
public static class ReferenceHashes
{
    public const string FileName = "concat-8192.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private static readonly Lock Gate = new();

    private static string PathInTree => Path.Combine(TestPaths.RepoRoot, "tests", "UltraLLaDA.Data.Tests", "TestData", "reference", FileName);

    public static Dictionary<string, PackFingerprint> Load()
    {
        lock (Gate)
        {
            return File.Exists(PathInTree)
                ? JsonSerializer.Deserialize<Dictionary<string, PackFingerprint>>(File.ReadAllText(PathInTree))!
                : [];
        }
    }

    /// <summary>Adds or replaces one entry (tests run in parallel, hence the lock).</summary>
    public static void Record(string key, PackFingerprint fingerprint)
    {
        lock (Gate)
        {
            var all = File.Exists(PathInTree)
                ? JsonSerializer.Deserialize<SortedDictionary<string, PackFingerprint>>(File.ReadAllText(PathInTree))!
                : new SortedDictionary<string, PackFingerprint>(StringComparer.Ordinal);
            all[key] = fingerprint;
            File.WriteAllText(PathInTree, JsonSerializer.Serialize(all, Json) + "\n");
        }
    }
}
