namespace UltraLLaDA.Training.Sampling;

/// <summary>Which predictions a step keeps (LLaDA's <c>remasking</c>); the rest stay masked.</summary>
public enum Remasking
{
    /// <summary>The most confident: highest probability of the predicted token.</summary>
    LowConfidence,

    /// <summary>Uniformly random ones.</summary>
    Random,
}
