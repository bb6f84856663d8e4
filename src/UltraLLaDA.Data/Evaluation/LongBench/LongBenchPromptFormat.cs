using System.Text;

namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>
/// Python's <c>str.format(**row)</c> as pred.py uses it on a template: <c>{name}</c> becomes the row's field,
/// <c>{{</c> and <c>}}</c> become single braces, and the substituted text is never read again (braces in a
/// context stay as they are). Conversions, format specs, indexing and positional fields (<c>{x!r}</c>,
/// <c>{x:5}</c>, <c>{x[0]}</c>, <c>{}</c>) are refused: no LongBench template uses them.
/// </summary>
public static class LongBenchPromptFormat
{
    /// <summary>The template filled with <paramref name="fields"/>; a field the template names but the row lacks is an error, as Python's KeyError.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(fields);
        var text = new StringBuilder(template.Length + fields.Values.Sum(v => v.Length));
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}')
                {
                    text.Append('}');
                    i += 2;
                    continue;
                }

                throw new FormatException($"single '}}' at character {i} of the template (Python: \"Single '}}' encountered in format string\")");
            }

            if (c != '{')
            {
                text.Append(c);
                i++;
                continue;
            }

            if (i + 1 < template.Length && template[i + 1] == '{')
            {
                text.Append('{');
                i += 2;
                continue;
            }

            var end = template.IndexOf('}', i + 1);
            if (end < 0)
                throw new FormatException($"'{{' at character {i} of the template is never closed (Python: \"expected '}}' before end of string\")");
            var name = template[(i + 1)..end];
            if (name.Length == 0 || name.AsSpan().IndexOfAny("!:[.{") >= 0 || char.IsDigit(name[0]))
                throw new FormatException($"field '{{{name}}}' at character {i} of the template: only named fields are supported");
            if (!fields.TryGetValue(name, out var value))
                throw new FormatException($"the template names field '{name}', which the row does not have");
            text.Append(value);
            i = end + 1;
        }

        return text.ToString();
    }
}
