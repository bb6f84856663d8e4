namespace UltraLLaDA.Data.Packing;

/// <summary>How problems name a segment, the same in every checker: "segment K (doc D, offset O, length L)", K from 1.</summary>
public static class SegmentNames
{
    public static string Describe(int index, Segment segment) =>
        $"segment {index + 1} (doc {segment.Doc}, offset {segment.Offset}, length {segment.Length})";
}
