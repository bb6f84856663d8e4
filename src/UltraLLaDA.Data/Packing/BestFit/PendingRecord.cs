namespace UltraLLaDA.Data.Packing.BestFit;

/// <summary>
/// A record in the best-fit packer's output order: a whole chunk already built, or a placed record
/// of a closed window, with everything decided (index, resume point, padding) and only the copy left.
/// </summary>
/// <param name="Built">The record, when it is a chunk built as its document was added.</param>
/// <param name="Window">The closed window the record is planned in, otherwise.</param>
/// <param name="Slot">Which of the window's planned records.</param>
/// <param name="Index">Record number in the split.</param>
/// <param name="Next">Its resume point.</param>
/// <param name="Pad">Whether a record that is not full is padded (false only for a kept short tail).</param>
internal readonly record struct PendingRecord(PackedRecord? Built, ClosedWindow? Window, int Slot, long Index, PackPosition Next, bool Pad);
