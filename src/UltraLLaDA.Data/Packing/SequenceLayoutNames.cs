namespace UltraLLaDA.Data.Packing;

/// <summary>The wire names of <see cref="SequenceLayout"/> and <see cref="TailPolicy"/> values (shard header, flags, JSON).</summary>
public static class SequenceLayoutNames
{
    public static string ToWireName(this SequenceLayout layout) => layout switch
    {
        SequenceLayout.Adaptive => "adaptive",
        SequenceLayout.Eod => "eod",
        SequenceLayout.Direct => "direct",
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown layout"),
    };

    public static bool TryParseLayout(string? name, out SequenceLayout layout)
    {
        switch (name)
        {
            case "adaptive": layout = SequenceLayout.Adaptive; return true;
            case "eod": layout = SequenceLayout.Eod; return true;
            case "direct": layout = SequenceLayout.Direct; return true;
            default: layout = default; return false;
        }
    }

    public static string ToWireName(this TailPolicy tail) => tail switch
    {
        TailPolicy.Pad => "pad",
        TailPolicy.Drop => "drop",
        TailPolicy.Keep => "keep",
        _ => throw new ArgumentOutOfRangeException(nameof(tail), tail, "unknown tail policy"),
    };

    public static bool TryParseTail(string? name, out TailPolicy tail)
    {
        switch (name)
        {
            case "pad": tail = TailPolicy.Pad; return true;
            case "drop": tail = TailPolicy.Drop; return true;
            case "keep": tail = TailPolicy.Keep; return true;
            default: tail = default; return false;
        }
    }
}
