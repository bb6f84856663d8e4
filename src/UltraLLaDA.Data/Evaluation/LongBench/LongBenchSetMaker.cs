using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>
/// Makes a LongBench set (the paper's Table 3, LongBench-16K) from LongBench v1's published <c>DATASET.jsonl</c>
/// files: each row filled into its dataset's template (<see cref="LongBenchTemplates"/>), tokenized, cut in the
/// middle to the max length as pred.py does (<see cref="LongBenchTruncation"/>); one ULDS shard per dataset
/// (records in file order) plus longbench.jsonl with each prompt's answers, metric and generation length, and
/// longbench.json last. Nothing is drawn at random: the same files and settings give the same bytes.
/// </summary>
public static class LongBenchSetMaker
{
    public const string TruncationNote =
        "each row is filled into its dataset's template of LongBench's config/dataset2prompt.json (Python str.format of the row) and tokenized without special tokens (no BOS); "
        + "a prompt longer than max_length keeps its first int(max_length/2) and last int(max_length/2) tokens, as LongBench's pred.py (which then decodes both halves and tokenizes the text again; here the ids are kept, so the length is exact); "
        + "no chat template is applied to any dataset (pred.py wraps all but trec, triviaqa, samsum, lsht, lcc and repobench-p in the evaluated chat model's template; LLaDA-8B-Base is a base model and the project has no LLaDA chat template)";

    public static async Task<LongBenchSetIndex> MakeAsync(LongBenchSetOptions options, ITextTokenizer tokenizer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (options.MaxLength < 2)
            throw new EvalSetException(EvalSetting.MaxLength, $" {options.MaxLength}: must be at least 2 (a cut prompt keeps max-length/2 tokens from each end)");
        if (options.MaxRows is < 1)
            throw new EvalSetException(EvalSetting.MaxRows, $" {options.MaxRows}: must be at least 1");
        if (!Directory.Exists(options.Input))
            throw new EvalSetException($"{options.Input}: no such folder (give the folder of LongBench's DATASET.jsonl files, data/ in its data.zip)");

        var (datasets, skipped) = SelectFiles(options);

        // Every selected file is read and checked before the output folder is touched, so a bad row costs no set. The
        // rows are not kept: the files are read again one at a time below, so memory holds one dataset, not all 21.
        var checkedFiles = new Dictionary<string, (string Sha256, int Rows)>(StringComparer.Ordinal);
        foreach (var (dataset, path) in datasets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = await LongBenchFileReader.ReadAsync(path, dataset, cancellationToken).ConfigureAwait(false);
            checkedFiles[dataset.Name] = (file.Sha256, file.Rows.Count);
        }

        EvalSetFolder.Prepare(options.Output, [LongBenchSetIndex.FileName, LongBenchSetIndex.RecordsFileName], options.Overwrite);
        var stamp = EvalTokenizer.Of(tokenizer, options.TokenizerSpec);
        var buffer = new TokenBuffer(1 << 16);
        var rows = new List<LongBenchRecord>();
        var files = new List<LongBenchDatasetFile>();
        for (var di = 0; di < datasets.Count; di++)
        {
            var (dataset, path) = datasets[di];
            var file = await LongBenchFileReader.ReadAsync(path, dataset, cancellationToken).ConfigureAwait(false);
            if (file.Sha256 != checkedFiles[dataset.Name].Sha256)
                throw new EvalSetException($"{path}: changed while the set was being made (its SHA-256 differs from the first read)");
            var shard = $"{EvalSetFolder.LengthFolder(options.MaxLength)}/{dataset.Name}.ulds";
            var template = LongBenchTemplates.For(dataset.Name);
            var records = new List<(uint[] Tokens, ulong Doc, uint Offset)>();
            var truncated = 0;
            foreach (var row in file.Rows.Take(options.MaxRows ?? int.MaxValue))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var full = Encode(tokenizer, buffer, Fill(path, row, template));
                if (full.Length == 0)
                    throw new EvalSetException($"{path}:{row.Line}: the filled-in prompt has no tokens");
                var prompt = LongBenchTruncation.Cut(full, options.MaxLength);
                var cut = prompt.Length != full.Length;
                truncated += cut ? 1 : 0;
                rows.Add(new LongBenchRecord
                {
                    Index = rows.Count,
                    Dataset = dataset.Name,
                    Category = dataset.Category,
                    Language = dataset.Language,
                    Metric = dataset.Metric,
                    Line = row.Line,
                    Id = row.Id,
                    Length = prompt.Length,
                    PromptTokens = full.Length,
                    Truncated = cut,
                    SourceLength = row.Length,
                    MaxNewTokens = dataset.MaxNewTokens,
                    FirstLineOnly = dataset.FirstLineOnly,
                    Shard = shard,
                    Record = records.Count,
                    Answers = row.Answers,
                    AllClasses = row.AllClasses,
                });
                records.Add((prompt, (ulong)(rows.Count - 1), 0u));
            }

            EvalShard.Write(Path.Combine(options.Output, shard), stamp, tokenizer.Info.EodId, options.MaxLength, di, records, options.ZstdLevel, padShortRecords: true);
            files.Add(new LongBenchDatasetFile(dataset.Name, path, file.Sha256, file.Rows.Count, truncated, shard) { Prompts = records.Count, Template = template });
        }

        EvalSetFolder.WriteJsonLines(Path.Combine(options.Output, LongBenchSetIndex.RecordsFileName), rows);
        var index = new LongBenchSetIndex
        {
            Tokenizer = stamp,
            Input = options.Input,
            MaxLength = options.MaxLength,
            Datasets = files,
            Skipped = skipped,
            Records = rows.Count,
            MaxRows = options.MaxRows,
            Truncation = TruncationNote,
        };
        EvalSetFolder.WriteJson(Path.Combine(options.Output, LongBenchSetIndex.FileName), index);
        return index;
    }

    /// <summary>The selected datasets whose file is in the input folder; the others skipped, or an error when named.</summary>
    private static (List<(LongBenchDataset Dataset, string Path)> Datasets, List<LongBenchSkippedDataset> Skipped) SelectFiles(LongBenchSetOptions options)
    {
        var datasets = new List<(LongBenchDataset, string)>();
        var skipped = new List<LongBenchSkippedDataset>();
        foreach (var (dataset, named) in LongBenchSelection.Resolve(options.Datasets))
        {
            var path = Path.Combine(options.Input, dataset.Name + ".jsonl");
            if (File.Exists(path))
                datasets.Add((dataset, path));
            else if (named)
                throw new EvalSetException(EvalSetting.Datasets, $" {dataset.Name}: {path} not found");
            else
                skipped.Add(new LongBenchSkippedDataset(dataset.Name, $"no {dataset.Name}.jsonl in {options.Input}"));
        }

        if (datasets.Count == 0)
            throw new EvalSetException(EvalSetting.Datasets, $": none of those asked for has its file in {options.Input} (LongBench's data.zip holds data/DATASET.jsonl, e.g. data/hotpotqa.jsonl)");
        return (datasets, skipped);
    }

    private static string Fill(string path, LongBenchRow row, string template)
    {
        try
        {
            return LongBenchPromptFormat.Fill(template, row.Fields());
        }
        catch (FormatException e)
        {
            throw new EvalSetException($"{path}:{row.Line}: {e.Message}", e);
        }
    }

    private static uint[] Encode(ITextTokenizer tokenizer, TokenBuffer buffer, string text)
    {
        buffer.Clear();
        tokenizer.Encode(text, buffer);
        return buffer.ToArray();
    }
}
