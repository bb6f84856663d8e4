using UltraLLaDA.Training.Model;

namespace UltraLLaDA.Training.Optim;

/// <summary>
/// How AdamW keeps its state. <see cref="Fp32"/>: m and v in fp32, and an fp32 master copy of bf16 weights
/// (12 B per bf16 parameter). <see cref="Bf16"/>: m and v in bf16, and bf16 weights updated through a 2-byte Kahan
/// compensation buffer (fp16, scaled: <see cref="CompensatedUpdate"/>) instead of a master copy (6 B per bf16
/// parameter): the buffer carries the part of each update that rounding to bf16 dropped, so updates far below a
/// weight's bf16 spacing (the paper's 2e-5 .. 2e-6) still add up instead of being rounded away. Under
/// <see cref="Bf16"/> the vectors (RMSNorm gains: near 1, a few thousand numbers in all) keep fp32 state.
/// </summary>
public enum OptimizerStatePrecision
{
    Fp32,
    Bf16,
}

/// <summary>Wire names (CLI flag, checkpoint options, plan JSON) of <see cref="OptimizerStatePrecision"/>.</summary>
public static class OptimizerStatePrecisionNames
{
    public static IReadOnlyList<OptimizerStatePrecision> All { get; } = [OptimizerStatePrecision.Fp32, OptimizerStatePrecision.Bf16];

    public static string ToWireName(this OptimizerStatePrecision precision) => precision switch
    {
        OptimizerStatePrecision.Fp32 => "fp32",
        OptimizerStatePrecision.Bf16 => "bf16",
        _ => throw new ArgumentOutOfRangeException(nameof(precision)),
    };

    /// <summary>Parses fp32 or bf16 (empty: fp32).</summary>
    public static OptimizerStatePrecision Parse(string? name) => name switch
    {
        null or "" or "fp32" => OptimizerStatePrecision.Fp32,
        "bf16" => OptimizerStatePrecision.Bf16,
        _ => throw new TrainingConfigException($"unknown --optimizer-state '{name}': use fp32 or bf16"),
    };
}
