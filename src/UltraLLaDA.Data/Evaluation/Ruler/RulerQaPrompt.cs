using System.Globalization;

namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>
/// RULER's qa.py: the question's own documents, then the same article's others, then random others, as many as
/// fit, shuffled and numbered "Document i:"; when more are wanted than the file has, the file's documents repeat
/// (qa.py's own fallback). Sample i asks the file's question i.
/// </summary>
internal static class RulerQaPrompt
{
    public static RulerSizedDraft Draft(Func<SetRandom> fresh, QaDataset dataset, QaQuestion question) => new(question.Documents.Count, count =>
    {
        var random = fresh();
        List<int> chosen;
        if (count < dataset.Documents.Count)
        {
            chosen = [.. question.Documents];
            var related = question.Related.Where(i => !chosen.Contains(i)).ToList();
            if (count - chosen.Count > related.Count)
            {
                chosen.AddRange(related);
                var others = Enumerable.Range(0, dataset.Documents.Count).Where(i => !chosen.Contains(i)).ToList();
                chosen.AddRange(RulerDraws.Sample(random, others, count - chosen.Count));
            }
            else
            {
                chosen.AddRange(RulerDraws.Sample(random, related, count - chosen.Count));
            }
        }
        else
        {
            chosen = [.. Enumerable.Range(0, count).Select(i => i % dataset.Documents.Count)];
        }

        RulerDraws.Shuffle(random, chosen);
        var context = string.Join("\n\n", chosen.Select((d, i) => RulerTemplates.QaDocument
            .Replace("{i}", (i + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{document}", dataset.Documents[d], StringComparison.Ordinal)));
        var text = RulerTemplates.Qa.Replace("{query}", question.Query, StringComparison.Ordinal).Replace(RulerTemplates.Context, context, StringComparison.Ordinal);
        return (text, question.Answers);
    });
}
