namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>What RULER's needle keys and values are made of (<c>type_needle_k</c>, <c>type_needle_v</c>).</summary>
public enum RulerValueKind
{
    /// <summary>Two words joined by a hyphen (RULER: adjective-noun).</summary>
    Words,

    /// <summary>7-digit numbers.</summary>
    Numbers,

    /// <summary>Random version-4 UUIDs.</summary>
    Uuids,
}
