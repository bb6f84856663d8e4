namespace UltraLLaDA.Data.Pipeline;

/// <summary>What a finished split holds, summed.</summary>
/// <param name="Documents">Documents read (empty and null ones included).</param>
/// <param name="EmptyDocuments">Documents whose text was empty or tokenized to nothing: they produce no segment.</param>
/// <param name="NullDocuments">Documents whose text was null in the source (counted among the empty ones too).</param>
/// <param name="Tokens">Token-stream tokens placed in records (EOD/BOS included, padding excluded).</param>
/// <param name="Records">Records written.</param>
/// <param name="PaddingTokens">Pad tokens of a padded tail.</param>
/// <param name="DroppedTokens">Tokens of a tail dropped by the 'drop' policy.</param>
/// <param name="Fill">Tokens / (records x seq_len): the share of record space that is real text.</param>
public sealed record ManifestTotals(long Documents, long EmptyDocuments, long NullDocuments, long Tokens, long Records, long PaddingTokens, long DroppedTokens, double Fill);
