using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Tests.Sampling;

/// <summary>
/// A stand-in model that puts (almost) all mass on a known answer: at answer position k, token answer(prompt)[k].
/// Confidence rises with <paramref name="confidenceSlope"/> per position, so the remasking order is known.
/// It records every sequence it is shown.
/// </summary>
internal sealed class AnswerPredictor(int vocabSize, long maskId, Func<long[], long[]> answerFor, double confidenceSlope = 0) : IMaskPredictor
{
    public int VocabSize { get; } = vocabSize;

    public long MaskId { get; } = maskId;

    /// <summary>The prompt length, set by the test so the predictor knows where the answer starts.</summary>
    public int PromptLength { get; set; }

    public List<long[]> Seen { get; } = [];

    public float[] Logits(ReadOnlySpan<long> sequence, ReadOnlySpan<int> positions)
    {
        var x = sequence.ToArray();
        Seen.Add(x);
        var answer = answerFor(x[..PromptLength]);
        var logits = new float[positions.Length * VocabSize];
        for (var j = 0; j < positions.Length; j++)
        {
            var k = positions[j] - PromptLength;
            var target = k >= 0 && k < answer.Length ? answer[k] : 0;
            // The winning logit grows with the position, so later positions are more confident.
            logits[(j * VocabSize) + (int)target] = 20f + (float)(confidenceSlope * positions[j]);
        }

        return logits;
    }
}
