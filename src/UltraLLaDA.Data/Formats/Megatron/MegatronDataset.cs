using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>
/// A Megatron IndexedDataset opened for reading: the checked .idx (<see cref="MegatronIndexReader"/>)
/// plus the .bin, whose size must be exactly the sum of the sequence lengths times the dtype size.
/// Each sequence is one positional read; safe to use from several threads at once.
/// </summary>
public sealed class MegatronDataset : IDisposable
{
    private readonly SafeFileHandle _data;

    private MegatronDataset(string prefix, MegatronIndex index, SafeFileHandle data, string dataPath)
    {
        Prefix = prefix;
        Index = index;
        _data = data;
        DataPath = dataPath;
    }

    /// <summary>The dataset prefix (paths without .bin/.idx).</summary>
    public string Prefix { get; }

    public MegatronIndex Index { get; }

    /// <summary>The .bin file.</summary>
    public string DataPath { get; }

    public int Count => Index.SequenceCount;

    /// <summary>Opens <c>prefix.idx</c> and <c>prefix.bin</c> and checks them against each other.</summary>
    public static MegatronDataset Open(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var index = MegatronIndexReader.Read(MegatronIndexLayout.IndexPath(prefix));
        var dataPath = MegatronIndexLayout.DataPath(prefix);
        SafeFileHandle data;
        try
        {
            data = File.OpenHandle(dataPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MegatronFormatException(dataPath, null, $"cannot open: {e.Message}", e);
        }

        var length = RandomAccess.GetLength(data);
        if (length != index.DataBytes)
        {
            data.Dispose();
            throw new MegatronFormatException(dataPath, null, $"is {length} bytes, but its index ({Path.GetFileName(index.FilePath)}) lists {index.TokenCount} {MegatronDTypes.NumpyName(index.DType)} tokens = {index.DataBytes} bytes.");
        }

        return new MegatronDataset(prefix, index, data, dataPath);
    }

    /// <summary>Tokens of sequence <paramref name="sequence"/>.</summary>
    public int Length(int sequence)
    {
        CheckSequence(sequence);
        return Index.SequenceLengths[sequence];
    }

    /// <summary>Sequence <paramref name="sequence"/>'s tokens as a new array.</summary>
    public uint[] Read(int sequence)
    {
        var tokens = new uint[Length(sequence)];
        Read(sequence, tokens);
        return tokens;
    }

    /// <summary>Reads sequence <paramref name="sequence"/> into the start of <paramref name="destination"/>; returns its length.</summary>
    public int Read(int sequence, Span<uint> destination)
    {
        var length = Length(sequence);
        if (destination.Length < length)
            throw new ArgumentException($"sequence {sequence} has {length} tokens; the destination holds {destination.Length}.", nameof(destination));
        Fill(sequence, Index.SequencePointers[sequence], length, destination);
        return length;
    }

    /// <summary>
    /// Reads tokens <paramref name="start"/>.. of sequence <paramref name="sequence"/> into
    /// <paramref name="destination"/> (as many as fit or remain, like Megatron's <c>get(idx, offset, length)</c>); returns how many.
    /// </summary>
    public int ReadRange(int sequence, int start, Span<uint> destination)
    {
        var length = Length(sequence);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, length);
        var count = Math.Min(destination.Length, length - start);
        var itemSize = MegatronDTypes.Size(Index.DType);
        Fill(sequence, Index.SequencePointers[sequence] + ((long)start * itemSize), count, destination);
        return count;
    }

    public void Dispose() => _data.Dispose();

    /// <summary>Reads <paramref name="count"/> tokens at byte <paramref name="offset"/> of the .bin into <paramref name="destination"/>.</summary>
    private void Fill(int sequence, long offset, int count, Span<uint> destination)
    {
        var itemSize = MegatronDTypes.Size(Index.DType);
        if ((long)count * itemSize > Array.MaxLength)
            throw new NotSupportedException($"{DataPath}: sequence {sequence} of {count} tokens is too long to read in one piece; read it with ReadRange.");
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, count * itemSize));
        try
        {
            var span = bytes.AsSpan(0, count * itemSize);
            var read = 0;
            while (read < span.Length)
            {
                var n = RandomAccess.Read(_data, span[read..], offset + read);
                if (n == 0)
                    throw new MegatronFormatException(DataPath, sequence, $"ends after {offset + read} bytes, inside the sequence (the file shrank after it was opened).");
                read += n;
            }

            Widen(span, destination[..count], sequence);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private void Widen(ReadOnlySpan<byte> bytes, Span<uint> tokens, int sequence)
    {
        // The switch is outside the loops: this runs over every token verify and the loaders read.
        switch (Index.DType)
        {
            case MegatronDType.UInt16:
                for (var i = 0; i < tokens.Length; i++)
                    tokens[i] = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]);
                return;
            case MegatronDType.UInt8:
                for (var i = 0; i < tokens.Length; i++)
                    tokens[i] = bytes[i];
                return;
            case MegatronDType.Int32:
                for (var i = 0; i < tokens.Length; i++)
                    tokens[i] = Checked(BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]), i, sequence);
                return;
            case MegatronDType.Int16:
                for (var i = 0; i < tokens.Length; i++)
                    tokens[i] = Checked(BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * 2)..]), i, sequence);
                return;
            case MegatronDType.Int8:
                for (var i = 0; i < tokens.Length; i++)
                    tokens[i] = Checked((sbyte)bytes[i], i, sequence);
                return;
            case MegatronDType.Int64:
                for (var i = 0; i < tokens.Length; i++)
                    tokens[i] = Checked(BinaryPrimitives.ReadInt64LittleEndian(bytes[(i * 8)..]), i, sequence);
                return;
            default:
                throw new MegatronFormatException(DataPath, sequence, $"dtype {Index.DType} cannot hold token ids.");
        }
    }

    private uint Checked(long id, int token, int sequence) =>
        id is >= 0 and <= uint.MaxValue ? (uint)id : throw new MegatronFormatException(DataPath, sequence, $"token {token} is {id}, not a token id.");

    private void CheckSequence(int sequence)
    {
        if ((uint)sequence >= (uint)Index.SequenceCount)
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"{Index.FilePath} holds {Index.SequenceCount} sequences.");
    }
}
