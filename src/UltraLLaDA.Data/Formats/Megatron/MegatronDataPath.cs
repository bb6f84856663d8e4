using System.Globalization;
using System.Text;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>
/// The blend a Megatron run takes for a split: <c>--data-path W1 PREFIX1 W2 PREFIX2 ...</c>, parsed by
/// <c>megatron/core/datasets/utils.py:get_blend_from_list</c> (an even-length list is weight, prefix
/// pairs; the weights are normalized). Each weight is the pair's token count, so sampling the blend
/// draws from every pair in proportion to its size, as one dataset of all of them would.
/// </summary>
public static class MegatronDataPath
{
    /// <summary>Name of the file beside the manifest that holds the line.</summary>
    public const string FileName = "megatron-data-path.txt";

    /// <summary>The arguments after <c>--data-path</c>, space-separated: <c>W1 PREFIX1 W2 PREFIX2 ...</c>.</summary>
    public static string Arguments(IEnumerable<(long Tokens, string Prefix)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var parts = new List<string>();
        foreach (var (tokens, prefix) in pairs)
        {
            // Megatron splits the list on whitespace and tells weights from prefixes by position only.
            if (prefix.Any(char.IsWhiteSpace))
                throw new ArgumentException($"the dataset prefix '{prefix}' holds whitespace, which Megatron's --data-path list cannot carry.", nameof(pairs));
            parts.Add(tokens.ToString(CultureInfo.InvariantCulture));
            parts.Add(prefix);
        }

        return string.Join(' ', parts);
    }

    /// <summary>
    /// Writes <see cref="FileName"/> in <paramref name="folder"/> atomically: one line, the arguments after
    /// <c>--data-path</c>, with each prefix as an absolute path (a training job runs from anywhere).
    /// </summary>
    public static string Write(string folder, IEnumerable<(long Tokens, string Stem)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var full = Path.GetFullPath(folder);
        var line = Arguments(pairs.Select(p => (p.Tokens, Path.Combine(full, p.Stem))));
        var path = Path.Combine(full, FileName);
        var steps = FileSystemSteps.Current;
        using (var stream = steps.Create(path + ".tmp", FileShare.None, 1))
        {
            stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
            // On disk before the rename: the complete manifest that follows must never name a blend a power loss could empty.
            steps.FlushToDisk(stream);
        }

        steps.Move(path + ".tmp", path);
        return line;
    }
}
