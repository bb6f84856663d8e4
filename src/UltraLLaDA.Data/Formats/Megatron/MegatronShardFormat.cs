using System.Security.Cryptography;
using UltraLLaDA.Data.Output;
using UltraLLaDA.Data.Pipeline;

namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>
/// Megatron-core IndexedDataset output behind the format seam: each shard is a <c>.bin</c>/<c>.idx</c>
/// pair named like <c>preprocess_data.py</c>'s output, <c>STEM_text_document.bin/.idx</c>, whose prefix
/// <c>STEM_text_document</c> is what <c>--data-path</c> takes. It takes whole documents (one document =
/// one sequence, the EOD appended in layout eod as <c>--append-eod</c> does); Megatron's GPTDataset
/// builds its fixed-length samples from them at load time.
/// </summary>
public sealed class MegatronShardFormat : IShardFormat, ISplitCompletion
{
    /// <summary>What <c>preprocess_data.py</c> puts after the output prefix: <c>_{json_key}_{level}</c> with key <c>text</c>, level <c>document</c>.</summary>
    public const string PrefixSuffix = "_text_document";

    public static MegatronShardFormat Instance { get; } = new();

    private MegatronShardFormat()
    {
    }

    public string Name => "megatron";

    public FormatInput Input => FormatInput.Documents;

    public IReadOnlyList<string> Extensions { get; } = [PrefixSuffix + MegatronIndexLayout.DataExtension, PrefixSuffix + MegatronIndexLayout.IndexExtension];

    public string PartialSuffix => MegatronWriter.PartialSuffix;

    public IRecordEncoder CreateEncoder(ShardContext context) => new MegatronRecordEncoder();

    public IShardOutput CreateWriter(string folder, string stem, int shardIndex, ShardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new MegatronShardOutput(MegatronWriter.Create(Path.Combine(folder, stem + PrefixSuffix), MegatronDTypes.ForVocabulary(context.VocabSize)));
    }

    public bool IsIntact(string folder, ShardEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        foreach (var file in entry.AllFiles)
        {
            var path = Path.Combine(folder, file.File);
            if (!File.Exists(path))
                return false;
            using var stream = File.OpenRead(path);
            if (stream.Length != file.Bytes || Convert.ToHexStringLower(SHA256.HashData(stream)) != file.Sha256)
                return false;
        }

        try
        {
            using var dataset = MegatronDataset.Open(Path.Combine(folder, PrefixOf(entry.File)));
            return dataset.Count == entry.Records;
        }
        catch (MegatronFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Refuses, before any pair is written, a folder whose path Megatron's <c>--data-path</c> cannot carry;
    /// a stale blend would name pairs that are about to be rewritten, so it goes until the split completes again.
    /// </summary>
    public void Starting(string folder)
    {
        RefuseWhitespace(folder);
        FileSystemSteps.Current.Delete(Path.Combine(folder, MegatronDataPath.FileName));
    }

    /// <summary>Writes megatron-data-path.txt (absolute prefixes) and puts the blend, with prefixes relative to the folder, in the manifest.</summary>
    public SplitManifest Completing(string folder, SplitManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        RefuseWhitespace(folder);
        var pairs = manifest.Shards.Select(s => (s.Tokens, PrefixOf(s.File))).ToList();
        MegatronDataPath.Write(folder, pairs);
        return manifest with { DataPath = MegatronDataPath.Arguments(pairs) };
    }

    private static void RefuseWhitespace(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (full.Any(char.IsWhiteSpace))
            throw new PackJobException(PackSetting.Output, $"{full}: the folder's path holds whitespace, which Megatron's --data-path list (weights and prefixes split on whitespace) cannot carry; write Megatron output to a path without spaces.");
    }

    /// <summary>The dataset prefix of a pair's file name (<c>train-00000_text_document.bin</c> -> <c>train-00000_text_document</c>).</summary>
    public static string PrefixOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        foreach (var extension in new[] { MegatronIndexLayout.DataExtension, MegatronIndexLayout.IndexExtension })
        {
            if (fileName.EndsWith(extension, StringComparison.Ordinal))
                return fileName[..^extension.Length];
        }

        throw new ArgumentException($"{fileName} is not a Megatron .bin or .idx file name.", nameof(fileName));
    }
}
