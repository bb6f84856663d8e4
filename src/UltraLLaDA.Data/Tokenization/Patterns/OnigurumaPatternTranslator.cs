using System.Globalization;
using System.Text;

namespace UltraLLaDA.Data.Tokenization.Patterns;

/// <summary>
/// Rewrites a split pattern written for Oniguruma (HF tokenizers' regex engine) into a .NET pattern
/// with the same matches, and refuses what it cannot reproduce exactly rather than guessing:
/// <list type="bullet">
/// <item>possessive <c>?+ *+ ++</c> become atomic groups <c>(?&gt;X*)</c>; <c>X{n,m}+</c> is stacked
/// (<c>(?:X{n,m})+</c>), as in Oniguruma's default syntax;</item>
/// <item><c>(?i:...)</c> is expanded into explicit classes with Unicode simple case folding
/// (<c>s</c> also matches U+017F, <c>k</c> also U+212A), because .NET's case table differs;</item>
/// <item><c>^</c>/<c>$</c> are line anchors as in Ruby syntax; <c>{,n}</c> becomes <c>{0,n}</c>;
/// <c>\h</c> is a hex digit;</item>
/// <item>refused: <c>\w \b</c> (different Unicode definitions), back-references, scripts and other
/// non-category properties, POSIX brackets, nested classes and intersections, characters outside
/// the BMP written in the pattern, and unknown escapes or group kinds.</item>
/// </list>
/// Characters outside the BMP in the text are handled by <see cref="SplitRegex"/>, not here.
/// </summary>
internal sealed class OnigurumaPatternTranslator
{
    private const string Metacharacters = "\\*+?|{[()^$.#";

    private static readonly HashSet<string> _categories =
    [
        "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No",
        "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So",
        "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn",
    ];

    // Two ASCII letters that a single character case-folds to (ß -> ss, ligatures -> st, fi, ...);
    // Oniguruma would match such a character against the pair, which a class expansion cannot.
    private static readonly HashSet<string> _multiCharFolds = ["ss", "st", "ff", "fi", "fl"];

    private readonly string _source;
    private readonly StringBuilder _output = new();
    private readonly List<(char First, char Last)> _literals = [];
    private readonly Stack<(int OutputStart, bool IgnoreCase)> _groups = new();
    private int _position;
    private bool _ignoreCase;
    private int _atomStart = -1;
    private char _previousFoldedLetter;

    private OnigurumaPatternTranslator(string source) => _source = source;

    /// <summary>Translates <paramref name="pattern"/> or throws <see cref="UnsupportedPatternException"/>.</summary>
    public static TranslatedPattern Translate(string pattern)
    {
        var translator = new OnigurumaPatternTranslator(pattern);
        translator.Run();
        return new TranslatedPattern(translator._output.ToString(), translator._literals);
    }

    private void Run()
    {
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c != '\\' && !char.IsAsciiLetter(c))
                _previousFoldedLetter = '\0';
            switch (c)
            {
                case '\\':
                    ParseEscape();
                    break;
                case '[':
                    StartAtom();
                    ParseClass();
                    break;
                case '(':
                    ParseGroupOpen();
                    break;
                case ')':
                    if (_groups.Count == 0)
                        throw Refuse("unbalanced ')'");
                    var (start, ignoreCase) = _groups.Pop();
                    _output.Append(')');
                    _ignoreCase = ignoreCase;
                    _atomStart = start;
                    _position++;
                    break;
                case '|':
                    _output.Append('|');
                    _atomStart = -1;
                    _position++;
                    break;
                case '*' or '+' or '?':
                    _position++;
                    ApplyQuantifier(c.ToString(), QuantifierKind.Simple);
                    break;
                case '{':
                    if (!TryParseInterval())
                    {
                        EmitLiteral('{');
                        _position++;
                    }
                    break;
                case '.':
                    StartAtom();
                    _output.Append('.');
                    _position++;
                    break;
                case '^':
                    _output.Append("(?m:^)");
                    _atomStart = -1;
                    _position++;
                    break;
                case '$':
                    _output.Append("(?m:$)");
                    _atomStart = -1;
                    _position++;
                    break;
                default:
                    if (char.IsSurrogate(c))
                        throw Refuse("a character outside the BMP written in the pattern");
                    EmitLiteral(c);
                    _position++;
                    break;
            }
        }
        if (_groups.Count > 0)
            throw Refuse("unbalanced '('");
    }

    private enum QuantifierKind
    {
        Simple,
        ExactInterval,
        RangeInterval,
    }

    private void ApplyQuantifier(string quantifier, QuantifierKind kind)
    {
        if (_atomStart < 0)
            throw Refuse("a quantifier with nothing to repeat");
        var next = _position < _source.Length ? _source[_position] : '\0';
        if (next == '?' && kind != QuantifierKind.ExactInterval)
        {
            _output.Append(quantifier).Append('?');
            _position++;
        }
        else if (next == '+' && kind == QuantifierKind.Simple)
        {
            // Possessive: match greedily and never give back, which is exactly an atomic group.
            _output.Insert(_atomStart, "(?>").Append(quantifier).Append(')');
            _position++;
        }
        else
        {
            _output.Append(quantifier);
        }
        // A further quantifier repeats the quantified atom (Oniguruma stacks them): wrap it now.
        if (_position < _source.Length && _source[_position] is '*' or '+' or '?' or '{')
        {
            _output.Insert(_atomStart, "(?:").Append(')');
        }
    }

    private bool TryParseInterval()
    {
        var end = _source.IndexOf('}', _position);
        if (end < 0)
            return false;
        var body = _source.AsSpan(_position + 1, end - _position - 1);
        var comma = body.IndexOf(',');
        var low = comma < 0 ? body : body[..comma];
        var high = comma < 0 ? ReadOnlySpan<char>.Empty : body[(comma + 1)..];
        if (!IsDigits(low, allowEmpty: comma >= 0) || !IsDigits(high, allowEmpty: true) || (low.IsEmpty && high.IsEmpty))
            return false;
        _position = end + 1;
        var lowText = low.IsEmpty ? "0" : low.ToString();
        var quantifier = comma < 0 ? $"{{{lowText}}}" : $"{{{lowText},{high.ToString()}}}";
        ApplyQuantifier(quantifier, comma < 0 ? QuantifierKind.ExactInterval : QuantifierKind.RangeInterval);
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text, bool allowEmpty)
    {
        if (text.IsEmpty)
            return allowEmpty;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }
        return true;
    }

    private void ParseGroupOpen()
    {
        var rest = _source.AsSpan(_position);
        var start = _output.Length;
        if (!rest.StartsWith("(?"))
        {
            Open(start, "(?:", 1, _ignoreCase);
            return;
        }
        foreach (var prefix in (string[])["(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>"])
        {
            if (rest.StartsWith(prefix))
            {
                Open(start, prefix, prefix.Length, _ignoreCase);
                return;
            }
        }
        if (rest.StartsWith("(?#"))
        {
            var close = _source.IndexOf(')', _position);
            if (close < 0)
                throw Refuse("an unterminated comment");
            _position = close + 1;
            return;
        }
        if (rest.StartsWith("(?<") && rest.Length > 3 && char.IsAsciiLetter(rest[3]))
        {
            var close = rest.IndexOf('>');
            if (close < 0)
                throw Refuse("an unterminated group name");
            Open(start, "(?:", close + 1, _ignoreCase);
            return;
        }
        ParseOptionGroup(rest, start);
    }

    // (?i) (?-i) (?i:...) (?-i:...): the only option whose meaning carries over exactly is i.
    private void ParseOptionGroup(ReadOnlySpan<char> rest, int start)
    {
        var i = 2;
        var on = true;
        var ignoreCase = _ignoreCase;
        for (; i < rest.Length && rest[i] is not (':' or ')'); i++)
        {
            switch (rest[i])
            {
                case '-':
                    on = false;
                    break;
                case 'i':
                    ignoreCase = on;
                    break;
                default:
                    throw Refuse($"the group option '{rest[i]}'");
            }
        }
        if (i >= rest.Length)
            throw Refuse("an unterminated group");
        if (rest[i] == ':')
        {
            Open(start, "(?:", i + 1, ignoreCase);
        }
        else
        {
            // (?i) applies to the rest of the enclosing group; the group's ')' restores the outer value.
            _ignoreCase = ignoreCase;
            _position += i + 1;
        }
    }

    private void Open(int outputStart, string emitted, int consumed, bool ignoreCase)
    {
        _groups.Push((outputStart, _ignoreCase));
        _output.Append(emitted);
        _ignoreCase = ignoreCase;
        _position += consumed;
        _atomStart = -1;
    }

    private void StartAtom() => _atomStart = _output.Length;

    private void ParseEscape()
    {
        var at = _position;
        if (_position + 1 >= _source.Length)
            throw Refuse("a trailing backslash");
        var d = _source[_position + 1];
        _position += 2;
        switch (d)
        {
            case 'p' or 'P':
                StartAtom();
                _output.Append(ParseProperty(d == 'P'));
                return;
            case 's' or 'S' or 'd' or 'D':
                // Same sets in both engines: \s is Unicode White_Space, \d is Nd.
                StartAtom();
                _output.Append('\\').Append(d);
                return;
            case 'h' or 'H':
                StartAtom();
                _output.Append(d == 'h' ? "[0-9a-fA-F]" : "[^0-9a-fA-F]");
                AddHexDigitLiterals();
                return;
            case 'A' or 'z' or 'Z':
                _output.Append('\\').Append(d);
                _atomStart = -1;
                return;
            case 'x' or 'u':
                EmitLiteral(ParseCodeUnit(d, at));
                return;
            case 'n' or 'r' or 't' or 'f' or 'v' or 'a' or 'e':
                EmitLiteral(ControlEscape(d));
                return;
            default:
                if (char.IsAsciiLetterOrDigit(d))
                    throw Refuse($"the escape '\\{d}'", at);
                if (char.IsSurrogate(d))
                    throw Refuse("a character outside the BMP written in the pattern", at);
                EmitLiteral(d);
                return;
        }
    }

    private static char ControlEscape(char d) => d switch
    {
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'f' => '\f',
        'v' => '\v',
        'a' => '\a',
        _ => '\u001B',
    };

    private string ParseProperty(bool negated)
    {
        var at = _position - 2;
        if (_position >= _source.Length || _source[_position] != '{')
            throw Refuse("a property escape without braces", at);
        var close = _source.IndexOf('}', _position);
        if (close < 0)
            throw Refuse("an unterminated property escape", at);
        var name = _source.Substring(_position + 1, close - _position - 1);
        _position = close + 1;
        if (name.StartsWith('^'))
        {
            negated = !negated;
            name = name[1..];
        }
        if (!_categories.Contains(name))
            throw Refuse($"the property \\p{{{name}}} (only general categories are supported)", at);
        if (_ignoreCase && name is "Lu" or "Ll" or "Lt")
            throw Refuse($"the case-dependent property \\p{{{name}}} inside a case-insensitive group", at);
        return (negated ? "\\P{" : "\\p{") + name + "}";
    }

    private char ParseCodeUnit(char kind, int at)
    {
        int value;
        if (kind == 'x' && _position < _source.Length && _source[_position] == '{')
        {
            var close = _source.IndexOf('}', _position);
            if (close < 0 || !int.TryParse(_source.AsSpan(_position + 1, close - _position - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value))
                throw Refuse("a malformed \\x{...} escape", at);
            _position = close + 1;
        }
        else
        {
            var digits = kind == 'x' ? 2 : 4;
            if (_position + digits > _source.Length || !int.TryParse(_source.AsSpan(_position, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value))
                throw Refuse($"a malformed \\{kind} escape", at);
            _position += digits;
        }
        if (value > 0xFFFF || char.IsSurrogate((char)value))
            throw Refuse("a character outside the BMP written in the pattern", at);
        return (char)value;
    }

    /// <summary>Emits one literal character; the caller has consumed (or will consume) its source text.</summary>
    private void EmitLiteral(char c)
    {
        StartAtom();
        if (_ignoreCase && IsCased(c))
        {
            if (!char.IsAscii(c))
                throw Refuse($"the non-ASCII cased letter '{c}' inside a case-insensitive group");
            var lower = char.ToLowerInvariant(c);
            if (_previousFoldedLetter != '\0' && _multiCharFolds.Contains(string.Concat(_previousFoldedLetter, lower)))
                throw Refuse($"the letters '{_previousFoldedLetter}{lower}' inside a case-insensitive group (a single character folds to them)");
            _output.Append('[');
            foreach (var variant in CaseVariants(lower))
            {
                AppendClassChar(variant);
                _literals.Add((variant, variant));
            }
            _output.Append(']');
            _previousFoldedLetter = lower;
            return;
        }
        _previousFoldedLetter = '\0';
        _literals.Add((c, c));
        if (Metacharacters.Contains(c))
            _output.Append('\\').Append(c);
        else if (char.IsControl(c) || c > '\u007E')
            _output.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        else
            _output.Append(c);
    }

    private static bool IsCased(char c) => char.ToUpperInvariant(c) != c || char.ToLowerInvariant(c) != c;

    /// <summary>Every character that Unicode simple case folding maps to the same fold as ASCII <paramref name="lower"/>.</summary>
    private static IEnumerable<char> CaseVariants(char lower)
    {
        yield return lower;
        yield return char.ToUpperInvariant(lower);
        if (lower == 's')
            yield return '\u017F';
        if (lower == 'k')
            yield return '\u212A';
    }

    private void AddHexDigitLiterals()
    {
        _literals.Add(('0', '9'));
        _literals.Add(('a', 'f'));
        _literals.Add(('A', 'F'));
    }

    private void ParseClass()
    {
        var at = _position;
        _position++;
        _output.Append('[');
        if (_position < _source.Length && _source[_position] == '^')
        {
            _output.Append('^');
            _position++;
        }
        var first = true;
        while (true)
        {
            if (_position >= _source.Length)
                throw Refuse("an unterminated character class", at);
            var c = _source[_position];
            if (c == ']' && !first)
            {
                _position++;
                break;
            }
            if (c == '[')
                throw Refuse("a nested class or POSIX bracket inside a character class");
            if (c == '&' && _position + 1 < _source.Length && _source[_position + 1] == '&')
                throw Refuse("a class intersection (&&)");
            first = false;
            var item = ParseClassItem();
            if (item.Set is not null)
            {
                _output.Append(item.Set);
                continue;
            }
            var low = item.Char;
            if (_position + 1 < _source.Length && _source[_position] == '-' && _source[_position + 1] != ']')
            {
                _position++;
                var upper = ParseClassItem();
                if (upper.Set is not null)
                    throw Refuse("a class range whose end is a set");
                if (upper.Char < low)
                    throw Refuse("a class range in the wrong order");
                AppendClassRange(low, upper.Char);
            }
            else
            {
                AppendClassRange(low, low);
            }
        }
        _output.Append(']');
    }

    private (char Char, string? Set) ParseClassItem()
    {
        var at = _position;
        var c = _source[_position];
        if (char.IsSurrogate(c))
            throw Refuse("a character outside the BMP written in the pattern");
        if (c != '\\')
        {
            _position++;
            return (c, null);
        }
        if (_position + 1 >= _source.Length)
            throw Refuse("a trailing backslash");
        var d = _source[_position + 1];
        _position += 2;
        switch (d)
        {
            case 'p' or 'P':
                return ('\0', ParseProperty(d == 'P'));
            case 's' or 'S' or 'd' or 'D':
                return ('\0', "\\" + d);
            case 'h':
                AddHexDigitLiterals();
                return ('\0', "0-9a-fA-F");
            case 'x' or 'u':
                return (ParseCodeUnit(d, at), null);
            case 'b':
                return ('\b', null);
            case 'n' or 'r' or 't' or 'f' or 'v' or 'a' or 'e':
                return (ControlEscape(d), null);
            default:
                if (char.IsAsciiLetterOrDigit(d))
                    throw Refuse($"the escape '\\{d}' inside a character class", at);
                return (d, null);
        }
    }

    private void AppendClassRange(char first, char last)
    {
        AppendRange(first, last);
        if (!_ignoreCase)
            return;
        for (var c = first; c <= last && c != char.MaxValue; c++)
        {
            if (IsCased(c) && !char.IsAscii(c))
                throw Refuse($"the non-ASCII cased letter '{c}' inside a case-insensitive group");
        }
        // Add the other case of the ASCII letters the range covers, plus their Unicode fold partners.
        foreach (var (lowStart, lowEnd) in (ReadOnlySpan<(char, char)>)[('a', 'z'), ('A', 'Z')])
        {
            var a = (char)Math.Max(first, lowStart);
            var b = (char)Math.Min(last, lowEnd);
            if (a > b)
                continue;
            var offset = lowStart == 'a' ? -32 : 32;
            AppendRange((char)(a + offset), (char)(b + offset));
            var foldedA = char.ToLowerInvariant(a);
            var foldedB = char.ToLowerInvariant(b);
            if (foldedA <= 's' && 's' <= foldedB)
                AppendRange('\u017F', '\u017F');
            if (foldedA <= 'k' && 'k' <= foldedB)
                AppendRange('\u212A', '\u212A');
        }
    }

    private void AppendRange(char first, char last)
    {
        _literals.Add((first, last));
        AppendClassChar(first);
        if (last != first)
        {
            _output.Append('-');
            AppendClassChar(last);
        }
    }

    private void AppendClassChar(char c)
    {
        if (c is '\\' or ']' or '[' or '^' or '-')
            _output.Append('\\').Append(c);
        else if (char.IsControl(c) || c > '\u007E')
            _output.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        else
            _output.Append(c);
    }

    private UnsupportedPatternException Refuse(string problem, int? at = null) => new(_source, at ?? _position, problem);
}
