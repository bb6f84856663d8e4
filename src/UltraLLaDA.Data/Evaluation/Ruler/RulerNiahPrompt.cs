namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>
/// RULER's niah.py: keys with one or more values each, one needle sentence per value, shuffled onto depths; the
/// question names the queried keys and the answers are all their values.
/// </summary>
internal static class RulerNiahPrompt
{
    public static RulerHaystackDraft Draw(RulerTask task, SetRandom random, WordPool words, string essay)
    {
        var keyCount = Math.Max(task.Keys, task.Queries);
        var keys = new List<string>();
        while (keys.Count < keyCount)
        {
            var key = RulerDraws.Draw(random, task.KeyKind, words);
            if (!keys.Contains(key))
                keys.Add(key);
        }

        var typeName = TypeName(task.ValueKind);
        var values = new List<List<string>>();
        var needles = new List<string>();
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var own = new List<string>();
            while (own.Count < task.Values)
            {
                var value = RulerDraws.Draw(random, task.ValueKind, words);
                // A value found in the prose (a number in a book) would have two answers; RULER does not check, we draw again.
                if (!drawn.Add(value) || (task.Haystack == RulerHaystack.Essay && essay.Contains(value, StringComparison.Ordinal)))
                    continue;
                own.Add(value);
                needles.Add(Fill(RulerTemplates.Needle, typeName, key, value));
            }

            values.Add(own);
        }

        RulerDraws.Shuffle(random, needles);
        double[] depths = task.Haystack == RulerHaystack.Essay
            ? [.. RulerDraws.Sample(random, RulerDraws.EssayDepths, needles.Count).Order().Select(d => (double)d)]
            : RulerDraws.UniformDepths(random, needles.Count);

        var queried = RulerDraws.Sample(random, Enumerable.Range(0, keyCount).ToList(), task.Queries);
        var queries = queried.Select(i => keys[i]).ToList();
        var answers = queried.SelectMany(i => values[i]).ToList();
        var query = queries.Count > 1 ? string.Join(", ", queries[..^1]) + ", and " + queries[^1] : queries[0];

        var template = RulerTemplates.Niah;
        var questionType = typeName;
        if (task.Queries * task.Values == 1)
        {
            // niah.py's wording for a single answer, replacement for replacement.
            template = template.Replace("Some", "A", StringComparison.Ordinal).Replace("are all", "is", StringComparison.Ordinal)
                .Replace("are", "is", StringComparison.Ordinal).Replace("answers", "answer", StringComparison.Ordinal);
            questionType = typeName[..^1];
        }

        var (before, after) = RulerTemplates.Split(template.Replace("{type_needle_v}", questionType, StringComparison.Ordinal).Replace("{query}", query, StringComparison.Ordinal));
        var separator = task.Haystack == RulerHaystack.Essay ? " " : "\n";
        return new RulerHaystackDraft(before, [.. needles.Select((n, i) => (n, depths[i]))], separator, after, answers);
    }

    /// <summary>
    /// A needle haystack of <paramref name="lines"/> random needles, one per line, as niah.py's type_haystack needle;
    /// a key the question asks for is drawn again (niah.py does not check).
    /// </summary>
    public static string Distractors(RulerTask task, SetRandom random, WordPool words, string question, int lines)
    {
        var typeName = TypeName(task.ValueKind);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            var key = RulerDraws.Draw(random, task.KeyKind, words);
            if (question.Contains(" " + key + " ", StringComparison.Ordinal))
            {
                i--;
                continue;
            }

            if (i > 0)
                text.Append('\n');
            text.Append(Fill(RulerTemplates.Needle, typeName, key, RulerDraws.Draw(random, task.ValueKind, words)));
        }

        return text.ToString();
    }

    private static string TypeName(RulerValueKind kind) => kind switch
    {
        RulerValueKind.Numbers => "numbers",
        RulerValueKind.Words => "words",
        _ => "uuids",
    };

    private static string Fill(string template, string typeName, string key, string value) =>
        template.Replace("{type_needle_v}", typeName, StringComparison.Ordinal).Replace("{key}", key, StringComparison.Ordinal).Replace("{value}", value, StringComparison.Ordinal);
}
