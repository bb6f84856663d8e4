namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>Sizes, names and Megatron's token dtype rule for <see cref="MegatronDType"/>.</summary>
public static class MegatronDTypes
{
    /// <summary>
    /// Megatron's <c>DType.optimal_dtype</c>: a vocabulary below this many ids is stored as uint16,
    /// anything larger as int32 (the margin below 65,536 is Megatron's choice, kept for identical files).
    /// </summary>
    public const int UInt16VocabularyLimit = 65500;

    /// <summary>The token dtype <c>preprocess_data.py</c> picks for a tokenizer of <paramref name="vocabSize"/> ids.</summary>
    public static MegatronDType ForVocabulary(int vocabSize) =>
        vocabSize < UInt16VocabularyLimit ? MegatronDType.UInt16 : MegatronDType.Int32;

    /// <summary>Whether <paramref name="code"/> is one of the codes Megatron's enum defines.</summary>
    public static bool IsDefined(byte code) => code is >= 1 and <= 8;

    /// <summary>Whether the type can hold token ids (an integer type).</summary>
    public static bool IsInteger(MegatronDType type) => type is not (MegatronDType.Float32 or MegatronDType.Float64);

    /// <summary>Bytes per element.</summary>
    public static int Size(MegatronDType type) => type switch
    {
        MegatronDType.UInt8 or MegatronDType.Int8 => 1,
        MegatronDType.Int16 or MegatronDType.UInt16 => 2,
        MegatronDType.Int32 or MegatronDType.Float32 => 4,
        MegatronDType.Int64 or MegatronDType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a Megatron dtype code."),
    };

    /// <summary>The numpy name Megatron uses for the type (what its enum member is called).</summary>
    public static string NumpyName(MegatronDType type) => type switch
    {
        MegatronDType.UInt8 => "uint8",
        MegatronDType.Int8 => "int8",
        MegatronDType.Int16 => "int16",
        MegatronDType.Int32 => "int32",
        MegatronDType.Int64 => "int64",
        MegatronDType.Float64 => "float64",
        MegatronDType.Float32 => "float32",
        MegatronDType.UInt16 => "uint16",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a Megatron dtype code."),
    };

    /// <summary>The largest token id the type can store.</summary>
    public static long MaxTokenId(MegatronDType type) => type switch
    {
        MegatronDType.UInt8 => byte.MaxValue,
        MegatronDType.Int8 => sbyte.MaxValue,
        MegatronDType.Int16 => short.MaxValue,
        MegatronDType.UInt16 => ushort.MaxValue,
        MegatronDType.Int32 => int.MaxValue,
        MegatronDType.Int64 => uint.MaxValue,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an integer dtype."),
    };
}
