using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Model;

namespace UltraLLaDA.Training.Evaluation;

/// <summary>Refusals shared by the set evaluations: a set must be in the tokenizer the model knows.</summary>
internal static class EvaluationChecks
{
    public static void SameTokenizer(EvalTokenizer tokenizer, DataRequirements? requirements, ModelConfig model, string folder)
    {
        if (requirements is not null && !string.Equals(requirements.TokenizerSha256, tokenizer.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new TrainingConfigException($"{folder}: the set was made with tokenizer {tokenizer.Name} ({tokenizer.Sha256}), the model was trained on {requirements.TokenizerName} ({requirements.TokenizerSha256}); make the set with --tokenizer of the model");
        if (tokenizer.VocabSize > model.VocabSize)
            throw new TrainingConfigException($"{folder}: the set's tokenizer {tokenizer.Name} has {tokenizer.VocabSize} ids, the model only {model.VocabSize} embedding rows");
    }
}
