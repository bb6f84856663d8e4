namespace UltraLLaDA.Data.Pipeline;

/// <summary>What a finished split holds, summed.</summary>
/// <param name="Documents">Documents read (empty and null ones included).</param>
/// <param name="EmptyDocuments">Documents whose text was empty or tokenized to nothing: they produce no segment.</param>
/// <param name="NullDocuments">Documents whose text was null in the source (counted among the empty ones too).</param>
/// <param name="Tokens">Token-stream tokens placed in records (EOD/BOS included, padding excluded).</param>
/// <param name="Records">Records written.</param>
/// <param name="PaddingTokens">Pad tokens in the records (concat: the padded tail only).</param>
/// <param name="DroppedTokens">Tokens of a tail dropped by the 'drop' policy.</param>
/// <param name="Fill">
/// Tokens / (records x seq_len): the share of record space that is real text (<see cref="FillOf"/>).
/// Null, and left out of the manifest, for a format that does not pack (one whole document per
/// sequence, e.g. Megatron): there is no record space to fill.
/// </param>
/// <param name="CutDocuments">Documents cut into more than one piece.</param>
/// <param name="PiecesBeyondFewest">
/// Pieces beyond the fewest each document needs, summed: a stream of L tokens needs ceil(L / seq_len)
/// pieces, every one more is a cut the packing forced (Ding et al. 2024). Pieces of a dropped tail are
/// not written, so with tail 'drop' this can come out lower by the documents of that one record.
/// Null when not applicable (a format that does not pack: no document is ever cut) or not recorded
/// (a manifest written before the count existed).
/// </param>
public sealed record ManifestTotals(
    long Documents,
    long EmptyDocuments,
    long NullDocuments,
    long Tokens,
    long Records,
    long PaddingTokens,
    long DroppedTokens,
    double? Fill,
    long CutDocuments = 0,
    long? PiecesBeyondFewest = null)
{
    /// <summary>The one fill formula: tokens / (records x seq_len), rounded to 6 places (0 for no records).</summary>
    public static double FillOf(long tokens, long records, int seqLen) =>
        records == 0 ? 0 : Math.Round(tokens / ((double)records * seqLen), 6);

}
