using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Sampling;
using UltraLLaDA.Training.Tests.Sampling;

namespace UltraLLaDA.Training.Tests.Evaluation.LongBench;

/// <summary>
/// Answers each known prompt whatever the generation length: the prompt is the sequence less one of
/// <paramref name="genLengths"/> tokens that leaves a known prompt. Records the length each prompt was run with.
/// </summary>
internal sealed class KnownPromptPredictor(IReadOnlyDictionary<string, long[]> answers, IReadOnlyList<int> genLengths) : IMaskPredictor
{
    public Dictionary<string, int> GenLengthOf { get; } = [];

    public int VocabSize => PromptAwarePredictor.Vocab;

    public long MaskId => PromptAwarePredictor.Mask;

    public float[] Logits(ReadOnlySpan<long> sequence, ReadOnlySpan<int> positions)
    {
        foreach (var gen in genLengths)
        {
            if (sequence.Length <= gen)
                continue;
            var key = Key(sequence[..^gen]);
            if (!answers.TryGetValue(key, out var answer))
                continue;
            GenLengthOf[key] = gen;
            return new AnswerPredictor(VocabSize, MaskId, _ => answer) { PromptLength = sequence.Length - gen }.Logits(sequence, positions);
        }

        throw new InvalidOperationException($"no known prompt in a sequence of {sequence.Length} tokens");
    }

    public static string Key(ReadOnlySpan<long> prompt) => string.Join(',', prompt.ToArray());

    public static string Key(uint[] prompt) => string.Join(',', prompt);

    /// <summary>The byte tokenizer's ids of <paramref name="text"/>, then its EOD.</summary>
    public static long[] Answer(string text) => [.. System.Text.Encoding.UTF8.GetBytes(text).Select(b => (long)b + 3), Utf8ByteTokenizer.EodId];
}
