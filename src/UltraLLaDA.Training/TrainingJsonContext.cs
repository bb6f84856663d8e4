using System.Text.Json.Serialization;
using UltraLLaDA.Training.Evaluation;
using UltraLLaDA.Training.Metrics;
using UltraLLaDA.Training.Model;
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
internal sealed partial class TrainingJsonContext : JsonSerializerContext;
