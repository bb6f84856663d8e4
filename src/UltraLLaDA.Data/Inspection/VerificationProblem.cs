namespace UltraLLaDA.Data.Inspection;

/// <summary>One thing verification found wrong: the file, the record when one is at fault (its number in that file), and what.</summary>
public sealed record VerificationProblem(string File, long? Record, string Message) : IComparable<VerificationProblem>
{
    public int CompareTo(VerificationProblem? other)
    {
        if (other is null)
            return 1;
        var byFile = string.CompareOrdinal(File, other.File);
        if (byFile != 0)
            return byFile;
        var byRecord = (Record ?? -1).CompareTo(other.Record ?? -1);
        return byRecord != 0 ? byRecord : string.CompareOrdinal(Message, other.Message);
    }

    /// <summary>The one-line form: <c>FILE: record N: MESSAGE</c>.</summary>
    public override string ToString() => Record is long r ? $"{File}: record {r}: {Message}" : $"{File}: {Message}";
}
