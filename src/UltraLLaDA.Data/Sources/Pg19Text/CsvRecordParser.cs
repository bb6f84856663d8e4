using System.Text;

namespace UltraLLaDA.Data.Sources.Pg19Text;

/// <summary>
/// Splits RFC 4180 text into records of fields, keeping the 1-based line each record starts on for error messages.
/// Records end at "\n" or "\r\n" outside quotes; inside quotes line ends are field content.
/// </summary>
internal sealed class CsvRecordParser(string content, string path)
{
    private readonly StringBuilder _field = new();
    private int _position;
    private long _line = 1;

    /// <summary>Reads the next non-empty record.</summary>
    /// <exception cref="SourceDataException">Unterminated quote, or a quote where RFC 4180 allows none.</exception>
    public bool TryReadRecord(out List<string> fields, out long line)
    {
        fields = [];
        while (_position < content.Length && TrySkipLineEnd())
        {
            // Empty line: nothing to read.
        }

        line = _line;
        if (_position >= content.Length)
            return false;
        while (true)
        {
            fields.Add(_position < content.Length && content[_position] == '"' ? ReadQuoted(line) : ReadUnquoted());
            if (_position >= content.Length || TrySkipLineEnd())
                return true;
            _position++; // the comma that ended the field
        }
    }

    private string ReadQuoted(long recordLine)
    {
        _field.Clear();
        _position++; // opening quote
        while (true)
        {
            if (_position >= content.Length)
                throw new SourceDataException(path, recordLine, "quoted field is not closed before the end of the file");
            char c = content[_position++];
            if (c == '"')
            {
                if (_position < content.Length && content[_position] == '"')
                {
                    _field.Append('"');
                    _position++;
                    continue;
                }

                break;
            }

            if (c == '\n')
                _line++;
            _field.Append(c);
        }

        if (_position < content.Length && content[_position] != ',' && !IsLineEnd())
            throw new SourceDataException(path, _line, $"unexpected '{content[_position]}' after a closing quote");
        return _field.ToString();
    }

    private string ReadUnquoted()
    {
        int start = _position;
        while (_position < content.Length && content[_position] != ',' && !IsLineEnd())
        {
            if (content[_position] == '"')
                throw new SourceDataException(path, _line, "a quote inside an unquoted field (quote the whole field and double the quote)");
            _position++;
        }

        return content[start.._position];
    }

    private bool IsLineEnd() =>
        content[_position] == '\n'
        || (content[_position] == '\r' && _position + 1 < content.Length && content[_position + 1] == '\n');

    private bool TrySkipLineEnd()
    {
        if (!IsLineEnd())
            return false;
        _position += content[_position] == '\r' ? 2 : 1;
        _line++;
        return true;
    }
}
