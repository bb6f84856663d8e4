namespace UltraLLaDA.Data.Packing.BestFit;

/// <summary>
/// A piece waiting in the best-fit window: a short document whole, or a long one's remainder (its
/// last piece either way). Its tokens lie in the window's buffer at <see cref="BufferStart"/>.
/// </summary>
/// <param name="Doc">Document ordinal.</param>
/// <param name="Offset">Offset of the piece in the document's stream.</param>
/// <param name="Length">Tokens in the piece (1..seq_len-1, or seq_len never: full chunks are not buffered).</param>
/// <param name="StreamLength">Length of the whole document's stream, to count its pieces when it is settled.</param>
/// <param name="BufferStart">Where the piece's tokens start in the window's buffer.</param>
internal readonly record struct WindowPiece(long Doc, long Offset, int Length, long StreamLength, int BufferStart);
