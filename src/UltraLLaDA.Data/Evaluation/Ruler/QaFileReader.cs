using System.Text.Json;

namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>
/// Reads SQuAD (v1.1 or v2.0 JSON: data[].paragraphs[].qas[]) and HotpotQA (JSON list with question, answer and
/// context [[title, [sentences]]]) as RULER's read_squad and read_hotpotqa do: documents deduplicated and sorted,
/// SQuAD's unanswerable questions (is_impossible) left out, HotpotQA documents "title\nsentences joined".
/// A malformed file is refused naming the file and the record.
/// </summary>
internal static class QaFileReader
{
    public static QaDataset ReadSquad(string path)
    {
        using var json = Open(path);
        var data = Property(json.RootElement, "data", JsonValueKind.Array, path, "the top level");
        var articles = new List<List<(string Context, List<(string Question, List<string> Answers)> Qas)>>();
        var a = 0;
        foreach (var article in data.EnumerateArray())
        {
            var paragraphs = new List<(string, List<(string, List<string>)>)>();
            var p = 0;
            foreach (var paragraph in Property(article, "paragraphs", JsonValueKind.Array, path, $"data[{a}]").EnumerateArray())
            {
                var where = $"data[{a}].paragraphs[{p}]";
                var context = Property(paragraph, "context", JsonValueKind.String, path, where).GetString()!;
                var qas = new List<(string, List<string>)>();
                var q = 0;
                foreach (var qa in Property(paragraph, "qas", JsonValueKind.Array, path, where).EnumerateArray())
                {
                    var at = $"{where}.qas[{q++}]";
                    if (qa.TryGetProperty("is_impossible", out var impossible) && impossible.ValueKind == JsonValueKind.True)
                        continue;
                    var answers = Property(qa, "answers", JsonValueKind.Array, path, at).EnumerateArray()
                        .Select((x, i) => Property(x, "text", JsonValueKind.String, path, $"{at}.answers[{i}]").GetString()!).ToList();
                    if (answers.Count == 0)
                        throw new EvalSetException($"{path}: {at} has no answers and is not marked is_impossible");
                    qas.Add((Property(qa, "question", JsonValueKind.String, path, at).GetString()!, answers));
                }

                paragraphs.Add((context, qas));
                p++;
            }

            articles.Add(paragraphs);
            a++;
        }

        var documents = articles.SelectMany(x => x).Select(x => x.Context).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var number = documents.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i, StringComparer.Ordinal);
        var questions = new List<QaQuestion>();
        foreach (var paragraphs in articles)
        {
            var article = paragraphs.Select(x => number[x.Context]).ToList();
            foreach (var (context, qas) in paragraphs)
            {
                var own = number[context];
                foreach (var (question, answers) in qas)
                    questions.Add(new QaQuestion(question, answers, [own], [.. article.Where(i => i != own)]));
            }
        }

        return Checked(new QaDataset(path, documents, questions));
    }

    public static QaDataset ReadHotpotQa(string path)
    {
        using var json = Open(path);
        if (json.RootElement.ValueKind != JsonValueKind.Array)
            throw new EvalSetException($"{path}: not a HotpotQA file (the top level must be a list of questions)");
        var rows = new List<(string Question, string Answer, List<string> Documents)>();
        var r = 0;
        foreach (var row in json.RootElement.EnumerateArray())
        {
            var where = $"record {r}";
            var documents = new List<string>();
            var c = 0;
            foreach (var pair in Property(row, "context", JsonValueKind.Array, path, where).EnumerateArray())
            {
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[0].ValueKind != JsonValueKind.String || pair[1].ValueKind != JsonValueKind.Array)
                    throw new EvalSetException($"{path}: {where}: context[{c}] is not [title, [sentences]]");
                documents.Add(pair[0].GetString() + "\n" + string.Concat(pair[1].EnumerateArray().Select(s => s.GetString())));
                c++;
            }

            rows.Add((Property(row, "question", JsonValueKind.String, path, where).GetString()!, Property(row, "answer", JsonValueKind.String, path, where).GetString()!, documents));
            r++;
        }

        var all = rows.SelectMany(x => x.Documents).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var number = all.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i, StringComparer.Ordinal);
        return Checked(new QaDataset(path, all, [.. rows.Select(x => new QaQuestion(x.Question, [x.Answer], [.. x.Documents.Select(d => number[d])], []))]));
    }

    private static QaDataset Checked(QaDataset dataset) => dataset.Questions.Count == 0
        ? throw new EvalSetException($"{dataset.File}: holds no answerable question")
        : dataset;

    private static JsonDocument Open(string path)
    {
        if (!File.Exists(path))
            throw new EvalSetException($"{path}: not found");
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new EvalSetException($"{path}: not valid JSON: {e.Message}", e);
        }
    }

    private static JsonElement Property(JsonElement element, string name, JsonValueKind kind, string path, string where)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != kind)
            throw new EvalSetException($"{path}: {where} has no \"{name}\" {(kind == JsonValueKind.Array ? "list" : "string")}");
        return value;
    }
}
