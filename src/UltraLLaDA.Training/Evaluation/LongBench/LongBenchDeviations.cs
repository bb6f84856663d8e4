namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>Where this scoring differs from THUDM/LongBench's metrics.py and eval.py, in words; every report carries them.</summary>
public static class LongBenchDeviations
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Chinese word segmentation: jieba cannot be shipped; qa_f1_zh_score and rouge_zh_score segment every CJK character as its own word (ASCII letter/digit runs stay whole), which usually scores higher than jieba's words (multifieldqa_zh, dureader, vcsum)",
        "rouge_score: pltrdy rouge reconstructs each LCS recursively and raises RecursionError (scored 0 by metrics.py) on sentence pairs beyond Python's recursion limit (about 1,000 words together); here such pairs are scored",
        "outputs end at the tokenizer's EOD id and drop ids without text (LongBench decodes with skip_special_tokens=True); other special tokens are kept as their strings",
        "Python's str.lower(), \\b and \\d are taken as .NET's invariant lower case and Unicode \\b and \\d; they differ only for a few letters (e.g. U+0130)",
        "AVG and the category columns are means over prompts (weighted by question count, as the paper aggregates), not LongBench's per-dataset means",
    ];
}
