using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Evaluation;

/// <summary>
/// Makes a NIAH set (Figure 1): for each length and depth, a haystack of PG-19 text with the needle sentence at that
/// depth, then the question; exactly L tokens (see <see cref="ExactPromptBuilder"/>). Keys and values come from a
/// generator seeded by (seed, length, depth, sample), so a cell's prompt does not depend on the other cells asked for.
/// </summary>
public static class NiahSetMaker
{
    public const string AssemblyNote =
        "token pieces: a slice of the tokenized haystack text, each needle sentence (with a leading space) and the question (after a line break), each tokenized alone, so the count is exact; a prompt is kept only when its decoded text tokenizes back to the same L tokens, the needle's place and the haystack's start moved token by token (sentence ends first) until it does";

    public static async Task<NiahSetIndex> MakeAsync(NiahSetOptions options, ITextTokenizer tokenizer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var lengths = EvalLengths.Check(options.Lengths, EvalDefaults.NiahLengths);
        var depths = EvalLengths.CheckDepths(options.Depths);
        if (options.Needles is < 1 or > 64)
            throw new EvalSetException(EvalSetting.Needles, $" {options.Needles}: must be between 1 and 64");
        if (options.PerCell < 1)
            throw new EvalSetException(EvalSetting.PerCell, $" {options.PerCell}: must be at least 1");
        if (options.ValueDigits is < 1 or > 18)
            throw new EvalSetException(EvalSetting.ValueDigits, $" {options.ValueDigits}: must be between 1 and 18");
        var templates = options.Templates.Check(options.Needles);

        var (haystack, text, documents) = await EvalHaystack.ReadAsync(options.Input, tokenizer, lengths[^1], cancellationToken).ConfigureAwait(false);
        EvalSetFolder.Prepare(options.Output, [NiahSetIndex.FileName, NiahSetIndex.RecordsFileName], options.Overwrite);
        var stamp = EvalTokenizer.Of(tokenizer, options.TokenizerSpec);
        var builder = new ExactPromptBuilder(tokenizer, haystack);
        var writer = new EvalPromptSetWriter<NiahRecord>(options.Output, stamp, tokenizer.Info.EodId, options.ZstdLevel);
        foreach (var length in lengths)
        {
            writer.WriteShard(NiahSetIndex.KindName, length, shard =>
            {
                foreach (var depth in depths)
                {
                    for (var sample = 0; sample < options.PerCell; sample++)
                    {
                        var random = SetRandom.For(options.Seed, length, depth, sample);
                        var keys = NeedleDraws.Keys(random, options.Needles);
                        var values = NeedleDraws.Values(random, options.Needles, options.ValueDigits, text);
                        var needleDepths = new double[options.Needles];
                        needleDepths[0] = depth;
                        for (var k = 1; k < needleDepths.Length; k++)
                            needleDepths[k] = random.NextInt64(101);
                        var sentences = keys.Select((key, k) => templates.NeedleFor(key, values[k])).ToArray();
                        var pieces = sentences.Select((s, k) => (builder.Encode(" " + s), needleDepths[k])).ToArray();
                        var question = templates.QuestionFor(keys[0]);
                        var prompt = builder.Build(length, pieces, builder.Encode("\n" + question));
                        shard.Add(new NiahRecord
                        {
                            Index = shard.NextIndex,
                            Length = length,
                            Depth = depth,
                            Sample = sample,
                            Shard = shard.Name,
                            Record = shard.NextRecord,
                            Key = keys[0],
                            Needle = sentences[0],
                            Question = question,
                            Answer = values[0],
                            NeedleStart = prompt.NeedleStarts[0],
                            NeedleEnd = prompt.NeedleEnds[0],
                            QuestionStart = prompt.QuestionStart,
                            HaystackStart = prompt.HaystackStart,
                            Distractors = options.Needles == 1 ? null
                                : [.. Enumerable.Range(1, options.Needles - 1).Select(k => new NiahNeedle(keys[k], values[k], needleDepths[k], prompt.NeedleStarts[k], prompt.NeedleEnds[k]))],
                        }, prompt.Tokens);
                    }
                }
            });
        }

        return writer.Finish(NiahSetIndex.RecordsFileName, NiahSetIndex.FileName, new NiahSetIndex
        {
            Tokenizer = stamp,
            Input = options.Input.Describe(),
            Documents = documents,
            HaystackTokens = haystack.Length,
            Lengths = lengths,
            Depths = depths,
            Seed = options.Seed,
            Templates = templates,
            ValueDigits = options.ValueDigits,
            Needles = options.Needles,
            PerCell = options.PerCell,
            Shards = writer.Shards,
            Records = writer.Rows.Count,
            Assembly = AssemblyNote,
        });
    }
}
