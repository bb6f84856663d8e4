using System.Text.Json;
using System.Text.Json.Serialization;
using UltraLLaDA.Training.Evaluation;
using UltraLLaDA.Training.Memory;
using UltraLLaDA.Training.Metrics;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Native;
using UltraLLaDA.Training.Rope;
using UltraLLaDA.Training.Training;

namespace UltraLLaDA.Training;

/// <summary>Source-generated JSON (snake_case) for configs, checkpoint state, metrics and reports.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelConfig))]
[JsonSerializable(typeof(TrainingState))]
[JsonSerializable(typeof(StepMetrics))]
[JsonSerializable(typeof(RopeScalingReport))]
[JsonSerializable(typeof(PerplexityReport))]
[JsonSerializable(typeof(DoctorReport))]
[JsonSerializable(typeof(MemoryPlanReport))]
public sealed partial class TrainingJsonContext : JsonSerializerContext
{
    /// <summary>The same contract, written indented (reports for people).</summary>
    public static TrainingJsonContext Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    });
}
