using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Sampling;
using UltraLLaDA.Training.Tests.Sampling;

namespace UltraLLaDA.Training.Tests.Evaluation;

/// <summary>Answers per prompt: an <see cref="AnswerPredictor"/> over the byte vocabulary plus the mask row, told where the prompt ends.</summary>
internal sealed class PromptAwarePredictor(int genLength, Func<long[], long[]> answerFor) : IMaskPredictor
{
    public const int Vocab = Utf8ByteTokenizer.Vocabulary + 1;
    public const long Mask = Utf8ByteTokenizer.Vocabulary;

    public int VocabSize => Vocab;

    public long MaskId => Mask;

    public float[] Logits(ReadOnlySpan<long> sequence, ReadOnlySpan<int> positions) =>
        new AnswerPredictor(Vocab, Mask, answerFor) { PromptLength = sequence.Length - genLength }.Logits(sequence, positions);
}
