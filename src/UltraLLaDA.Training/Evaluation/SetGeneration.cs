using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Evaluation;

/// <summary>What the generation benchmarks (NIAH, RULER) share: the refusals before a run and one prompt's decoded output.</summary>
internal static class SetGeneration
{
    /// <summary>Refuses a tokenizer other than the set's, or a model with fewer embedding rows than the set's ids.</summary>
    public static void Check(EvalTokenizer setTokenizer, string folder, ITextTokenizer tokenizer, IMaskPredictor predictor, SamplerOptions options)
    {
        options.Validate();
        if (!string.Equals(tokenizer.Info.Sha256, setTokenizer.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new TrainingConfigException($"{folder}: the set was made with tokenizer {setTokenizer.Name} ({setTokenizer.Sha256}), the tokenizer given is {tokenizer.Info.Name} ({tokenizer.Info.Sha256})");
        if (setTokenizer.VocabSize > predictor.VocabSize)
            throw new TrainingConfigException($"{folder}: the set's tokenizer has {setTokenizer.VocabSize} ids, the model only {predictor.VocabSize} embedding rows");
    }

    /// <summary>LLaDA's sampler after <paramref name="prompt"/>, decoded.</summary>
    public static string Output(IMaskPredictor predictor, uint[] prompt, SamplerOptions options, ITextTokenizer tokenizer)
    {
        var generated = LladaSampler.Generate(predictor, Array.ConvertAll(prompt, id => (long)id), options);
        // Ids the tokenizer has no text for (the mask id, extra embedding rows) are left out of the output.
        var vocabulary = tokenizer.Info.VocabSize;
        return tokenizer.Decode([.. generated.Where(id => id >= 0 && id < vocabulary).Select(id => (uint)id)]);
    }
}
