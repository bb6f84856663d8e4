using System.Diagnostics.CodeAnalysis;

namespace UltraLLaDA.Data.Output;

/// <summary>
/// The one reader of a documents table (<c>documents.jsonl</c>, written by <see cref="DocumentTableWriter"/>):
/// line by line, as bytes, streaming. The documents catalog of inspect and verify, the resume of a pack
/// job and the merge of a partitioned job's tables all read through it. Line ends are <c>\n</c> (a
/// <c>\r</c> before it is not part of the line, and a UTF-8 BOM before the first line is skipped, as a
/// text reader would).
/// </summary>
public sealed class DocumentTableReader : IDisposable
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly FileStream _file;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private long _offset;
    private int _number;
    private bool _atEnd;

    private DocumentTableReader(string path)
    {
        Path = path;
        // ReadWrite: a running job may be appending to the table being read (inspect, or its own resume).
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
    }

    /// <summary>The table's path, as problems name it.</summary>
    public string Path { get; }

    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static DocumentTableReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new DocumentTableReader(path);
    }

    /// <summary>Reads the next line; false at the end of the file. A last line without a newline is returned with <see cref="DocumentTableLine.Terminated"/> false.</summary>
    public bool TryRead([NotNullWhen(true)] out DocumentTableLine? line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Take(newline, terminated: true);
                return true;
            }

            if (_atEnd)
            {
                line = _end > _start ? Take(_end - _start, terminated: false) : null;
                return line is not null;
            }

            Fill();
        }
    }

    public void Dispose() => _file.Dispose();

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = _file.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
            _atEnd = true;
        _end += read;
    }

    private DocumentTableLine Take(int length, bool terminated)
    {
        var content = _buffer.AsSpan(_start, length);
        if (content.Length > 0 && content[^1] == (byte)'\r')
            content = content[..^1];
        if (_number == 0 && content.StartsWith(Utf8Bom))
            content = content[Utf8Bom.Length..];
        var json = content.ToArray();
        var consumed = length + (terminated ? 1 : 0);
        _start += consumed;
        _offset += consumed;
        _number++;
        return new DocumentTableLine(_number, json, terminated, _offset);
    }
}
