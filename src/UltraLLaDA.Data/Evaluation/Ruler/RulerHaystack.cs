namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>RULER's haystack kinds (<c>type_haystack</c>).</summary>
public enum RulerHaystack
{
    /// <summary>No haystack: the task's own text fills the prompt (cwe, fwe, qa).</summary>
    None,

    /// <summary>"The grass is green. The sky is blue. ..." repeated, one per line.</summary>
    Noise,

    /// <summary>Prose: RULER uses Paul Graham's essays; here the PG-19 books of the input.</summary>
    Essay,

    /// <summary>Distractor needles: the needle sentence with other random keys and values, one per line.</summary>
    Needle,
}
