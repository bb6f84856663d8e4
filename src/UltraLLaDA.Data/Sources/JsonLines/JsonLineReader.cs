using System.Buffers;

namespace UltraLLaDA.Data.Sources.JsonLines;

/// <summary>
/// Splits a byte stream into lines at '\n', holding one line at a time in a buffer that grows to the longest line
/// (a 50 MB line is fine; one longer than <see cref="Array.MaxLength"/> bytes is an error). A UTF-8 BOM at the start
/// of the stream is left out of line 0. Line ends are not part of <see cref="Line"/>, but a '\r' before '\n' is.
/// </summary>
internal sealed class JsonLineReader(Stream stream, string path) : IDisposable
{
    private const int InitialBufferSize = 1 << 20;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _start;       // first byte of the current line
    private int _end;         // end of the bytes read so far
    private int _consumed;    // length of the current line plus its '\n', dropped at the next read
    private bool _endOfStream;

    /// <summary>0-based index of <see cref="Line"/> in the stream, blank lines included.</summary>
    public long LineIndex { get; private set; } = -1;

    /// <summary>The current line, valid until the next <see cref="ReadLineAsync"/>.</summary>
    public ReadOnlyMemory<byte> Line { get; private set; }

    /// <summary>Whether the current line has only spaces, tabs and CRs (or nothing): not a document.</summary>
    public bool IsBlank => JsonLineCounter.IsBlank(Line.Span);

    /// <summary>Moves to the next line; false at the end of the stream.</summary>
    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        _start += _consumed;
        _consumed = 0;
        int scanned = 0; // bytes after _start known to hold no '\n'
        while (true)
        {
            int newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                SetLine(scanned + newline, scanned + newline + 1);
                return true;
            }

            scanned = _end - _start;
            if (_endOfStream)
            {
                if (scanned == 0)
                    return false;
                SetLine(scanned, scanned); // last line without a '\n'
                return true;
            }

            MakeRoom();
            int read = await InputStreams.ReadAsync(stream, _buffer.AsMemory(_end), path, cancellationToken).ConfigureAwait(false);
            if (read == 0)
                _endOfStream = true;
            _end += read;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void SetLine(int length, int consumed)
    {
        LineIndex++;
        var line = _buffer.AsMemory(_start, length);
        if (LineIndex == 0 && line.Span.StartsWith(LeadingBom.Utf8))
            line = line[LeadingBom.Utf8.Length..];
        Line = line;
        _consumed = consumed;
    }

    /// <summary>Makes space after <see cref="_end"/>: moves the current line to the front, or grows the buffer.</summary>
    private void MakeRoom()
    {
        if (_end < _buffer.Length)
            return;
        int pending = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        else
        {
            if (_buffer.Length >= Array.MaxLength)
                throw new SourceDataException(path, LineIndex + 2, $"line is longer than {Array.MaxLength} bytes");
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, Array.MaxLength));
            _buffer.AsSpan(0, pending).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        _start = 0;
        _end = pending;
    }
}
