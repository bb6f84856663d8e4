using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>
/// Makes a RULER set (the paper's Table 4): RULER's 13 tasks at each length, exactly L tokens each, one ULDS shard per
/// length (records in task order, then sample order) plus ruler.jsonl with each prompt's task and references. A
/// prompt is drawn from a generator seeded by (seed, task, length, sample), so it does not depend on the other tasks,
/// lengths or sample counts asked for.
/// </summary>
public static class RulerSetMaker
{
    public const string AssemblyNote =
        "niah and vt: RULER's instruction, then haystack tokens (a slice of the tokenized essay, noise or distractor-needle text) with each needle (a space or line break before it) at its depth, then the question with its answer prefix, each tokenized alone so the count is exact; cwe, fwe, qa: the largest word or document count whose text fits in L - 1 tokens, after noise sentences that make up the rest; a prompt is kept only when its decoded text tokenizes back to the same L tokens";

    public const string EssayNote = "the PG-19 books of the input listed in documents, joined by a blank line (RULER's essay haystack is Paul Graham's essays)";

    public const string WordsNote = "the distinct lowercase words (3-12 letters) of those books; keys are two of them joined by a hyphen (RULER draws adjective-noun pairs and word lists from the wonderwords package)";

    public static async Task<RulerSetIndex> MakeAsync(RulerSetOptions options, ITextTokenizer tokenizer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var lengths = EvalLengths.Check(options.Lengths, EvalDefaults.RulerLengths);
        if (options.Samples < 1)
            throw new EvalSetException(EvalSetting.Samples, $" {options.Samples}: must be at least 1");
        var (tasks, skipped) = SelectTasks(options);
        var squad = options.Squad is null || !tasks.Any(t => t.Name == RulerTasks.SquadTask) ? null : QaFileReader.ReadSquad(options.Squad);
        var hotpot = options.HotpotQa is null || !tasks.Any(t => t.Name == RulerTasks.HotpotQaTask) ? null : QaFileReader.ReadHotpotQa(options.HotpotQa);
        foreach (var (dataset, setting) in new[] { (squad, EvalSetting.Squad), (hotpot, EvalSetting.HotpotQa) })
        {
            if (dataset is not null && dataset.Questions.Count < options.Samples)
                throw new EvalSetException(setting, $" {dataset.File}: holds {dataset.Questions.Count} answerable questions, fewer than the {options.Samples} samples asked for", EvalSetting.Samples);
        }

        var (essay, essayText, documents) = await EvalHaystack.ReadAsync(options.Input, tokenizer, lengths[^1], cancellationToken).ConfigureAwait(false);
        var words = WordPool.From(essayText);
        EvalSetFolder.Prepare(options.Output, [RulerSetIndex.FileName, RulerSetIndex.RecordsFileName], options.Overwrite);
        var stamp = EvalTokenizer.Of(tokenizer, options.TokenizerSpec);
        var noise = RulerPromptAssembler.Noise(tokenizer, lengths[^1]);
        var assembler = new RulerPromptAssembler(tokenizer, noise);
        var exampleLines = ExampleNoiseLines(assembler, options.Seed);
        var writer = new EvalPromptSetWriter<RulerRecord>(options.Output, stamp, tokenizer.Info.EodId, options.ZstdLevel);
        foreach (var length in lengths)
        {
            writer.WriteShard(RulerSetIndex.KindName, length, shard =>
            {
                foreach (var task in tasks)
                {
                    for (var sample = 0; sample < options.Samples; sample++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var (prompt, answers, items) = MakeNamed(task, length, sample, options.Seed, assembler, words, essay, essayText, squad, hotpot, exampleLines);
                        shard.Add(new RulerRecord
                        {
                            Index = shard.NextIndex,
                            Task = task.Name,
                            Category = task.Category,
                            Length = length,
                            Sample = sample,
                            Shard = shard.Name,
                            Record = shard.NextRecord,
                            Answers = answers,
                            Metric = task.Metric,
                            QuestionStart = prompt.QuestionStart,
                            Items = items,
                        }, prompt.Tokens);
                    }
                }
            });
        }

        return writer.Finish(RulerSetIndex.RecordsFileName, RulerSetIndex.FileName, new RulerSetIndex
        {
            Tokenizer = stamp,
            Input = options.Input.Describe(),
            Documents = documents,
            EssayHaystack = EssayNote,
            Words = WordsNote,
            WordCount = words.Words.Count,
            Lengths = lengths,
            Tasks = [.. tasks.Select(t => t.Name)],
            Skipped = skipped,
            Samples = options.Samples,
            Seed = options.Seed,
            Squad = squad is null ? null : Path.GetFullPath(squad.File),
            HotpotQa = hotpot is null ? null : Path.GetFullPath(hotpot.File),
            Shards = writer.Shards,
            Records = writer.Rows.Count,
            Assembly = AssemblyNote,
        });
    }

    private static (List<RulerTask> Tasks, List<RulerSkippedTask> Skipped) SelectTasks(RulerSetOptions options)
    {
        var asked = options.Tasks is { Count: > 0 };
        var names = asked ? options.Tasks! : [.. RulerTasks.All.Select(t => t.Name)];
        foreach (var name in names)
        {
            if (RulerTasks.Find(name) is null)
                throw new EvalSetException(EvalSetting.Tasks, $" '{name}' is not one of RULER's tasks ({string.Join(", ", RulerTasks.All.Select(t => t.Name))})");
        }

        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new EvalSetException(EvalSetting.Tasks, $" '{duplicate.Key}' is given twice");

        var tasks = new List<RulerTask>();
        var skipped = new List<RulerSkippedTask>();
        foreach (var task in RulerTasks.All.Where(t => names.Contains(t.Name)))
        {
            var (file, setting, what) = task.Name == RulerTasks.SquadTask ? (options.Squad, EvalSetting.Squad, "SQuAD") : (options.HotpotQa, EvalSetting.HotpotQa, "HotpotQA");
            if (task.IsQa && file is null)
            {
                if (asked)
                    throw new EvalSetException(EvalSetting.Tasks, $" {task.Name} needs a {what} JSON file", setting);
                skipped.Add(new RulerSkippedTask(task.Name, $"no {what} file was given"));
                continue;
            }

            tasks.Add(task);
        }

        if (tasks.Count == 0)
            throw new EvalSetException(EvalSetting.Tasks, ": none left to make");
        return (tasks, skipped);
    }

    /// <summary><see cref="Make"/>, its errors naming the task and sample.</summary>
    private static (AssembledPrompt Prompt, IReadOnlyList<string> Answers, int? Items) MakeNamed(
        RulerTask task, int length, int sample, ulong seed, RulerPromptAssembler assembler, WordPool words, uint[] essay, string essayText, QaDataset? squad, QaDataset? hotpot, int exampleLines)
    {
        try
        {
            return Make(task, length, sample, seed, assembler, words, essay, essayText, squad, hotpot, exampleLines);
        }
        catch (EvalSetException e) when (e.Setting != EvalSetting.None)
        {
            throw new EvalSetException(e.Setting, $"{e.Detail} (RULER task {task.Name}, sample {sample})", e.Remedy);
        }
    }

    private static (AssembledPrompt Prompt, IReadOnlyList<string> Answers, int? Items) Make(
        RulerTask task, int length, int sample, ulong seed, RulerPromptAssembler assembler, WordPool words, uint[] essay, string essayText, QaDataset? squad, QaDataset? hotpot, int exampleLines)
    {
        SetRandom Fresh() => SetRandom.For(seed, task.Id, length, sample);
        switch (task.Name)
        {
            case "vt":
                {
                    var draft = RulerVariableTrackingPrompt.Draw(Fresh(), exampleLines);
                    return (assembler.Build(length, draft, null), draft.Answers, null);
                }

            case "cwe":
                return Sized(RulerCommonWordsPrompt.Draft(Fresh, length, words));
            case "fwe":
                return Sized(RulerFrequentWordsPrompt.Draft(Fresh, length));
            case RulerTasks.SquadTask:
                return Sized(RulerQaPrompt.Draft(Fresh, squad!, squad!.Questions[sample]));
            case RulerTasks.HotpotQaTask:
                return Sized(RulerQaPrompt.Draft(Fresh, hotpot!, hotpot!.Questions[sample]));
            default:
                {
                    var random = Fresh();
                    var draft = RulerNiahPrompt.Draw(task, random, words, essayText);
                    var haystack = task.Haystack switch
                    {
                        RulerHaystack.Essay => essay,
                        RulerHaystack.Needle => DistractorHaystack(task, random, words, draft, assembler, length),
                        _ => null,
                    };
                    return (assembler.Build(length, draft, haystack), draft.Answers, null);
                }
        }

        (AssembledPrompt, IReadOnlyList<string>, int?) Sized(RulerSizedDraft draft)
        {
            var (prompt, answers, count) = assembler.Build(length, draft, task.Name);
            return (prompt, answers, count);
        }
    }

    /// <summary>Random needles, one per line, enough for the prompt's haystack (the count doubles until they are).</summary>
    private static uint[] DistractorHaystack(RulerTask task, SetRandom random, WordPool words, RulerHaystackDraft draft, RulerPromptAssembler assembler, int length)
    {
        for (var lines = Math.Max(16, length / 12); ; lines *= 2)
        {
            var text = RulerNiahPrompt.Distractors(task, random, words, draft.Question, lines);
            if (assembler.Count(text) >= length + 256)
                return assembler.Encode(text);
        }
    }

    /// <summary>
    /// The noise lines of vt's solved example: RULER grows them 5 at a time while the example stays within 500 tokens;
    /// sized once per set with a generator of its own.
    /// </summary>
    private static int ExampleNoiseLines(RulerPromptAssembler assembler, ulong seed)
    {
        var lines = 0;
        while (assembler.Count(RulerVariableTrackingPrompt.Example(SetRandom.For(seed, -1), lines + 5)) <= RulerVariableTrackingPrompt.ExampleTokens)
            lines += 5;
        return lines;
    }
}
