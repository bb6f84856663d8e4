namespace UltraLLaDA.Training.Rope;

/// <summary>One way of scaling the RoPE base, with the numbers that lead to it.</summary>
/// <param name="Name">ntk-aware, longllada-baseline or diffusion-aware.</param>
/// <param name="Equation">Where the paper defines it.</param>
/// <param name="CapturedContext">The context the model is taken to have seen: T_train, or T_cap = 2·T_train.</param>
/// <param name="TargetContext">The context to reach: T_target, or T_Ecap = 2·T_target.</param>
/// <param name="CriticalPairIndex">(d/2)·log_b(T/2π) before the ceiling; null for NTK-aware.</param>
/// <param name="CriticalDimension">d_crit; null for NTK-aware.</param>
/// <param name="Factor">λ, the factor the base is multiplied by.</param>
/// <param name="ScaledBase">b·λ.</param>
public sealed record RopeScalingMethod(
    string Name,
    string Equation,
    double CapturedContext,
    double TargetContext,
    double? CriticalPairIndex,
    int? CriticalDimension,
    double Factor,
    double ScaledBase);
