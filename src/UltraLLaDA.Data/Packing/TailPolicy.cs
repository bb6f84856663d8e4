namespace UltraLLaDA.Data.Packing;

/// <summary>What happens to the last, partly filled record of a split.</summary>
public enum TailPolicy
{
    /// <summary>Filled to the sequence length with the pad id (segment id 0) and flagged as padded.</summary>
    Pad,

    /// <summary>Not written; its tokens are counted as dropped.</summary>
    Drop,

    /// <summary>Written short.</summary>
    Keep,
}
