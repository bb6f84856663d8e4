using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Training.Evaluation.LongBench;

namespace UltraLLaDA.Training.Tests.Evaluation.LongBench;

/// <summary>Each of LongBench's metrics (metrics.py, eval.py) against cases worked by hand from its definition.</summary>
public class LongBenchMetricsTests
{
    [Fact]
    public void Normalization_lowers_drops_punctuation_then_articles_and_collapses_space()
    {
        // lower -> "the cat's hat, an apple!" -> no punctuation -> "the cats hat an apple" -> articles to " " -> collapsed.
        Assert.Equal("cats hat apple", LongBenchNormalization.NormalizeAnswer("The Cat's hat, an  apple!"));
        // Articles only as whole words; "another" and "theme" keep their letters.
        Assert.Equal("another theme", LongBenchNormalization.NormalizeAnswer("Another, theme."));
        // Punctuation goes before articles: "a-b" becomes "ab", not "  b".
        Assert.Equal("ab", LongBenchNormalization.NormalizeAnswer("a-b"));
        // Chinese: ASCII and Chinese punctuation and all white space removed.
        Assert.Equal("北京abc", LongBenchNormalization.NormalizeChineseAnswer("北京， A b\tc。"));
    }

    [Fact]
    public void Qa_f1_is_the_token_multiset_f1_of_the_normalized_words()
    {
        // pred [cat, sat, on, mat], reference [cat, on, mat]: 3 shared, P 3/4, R 1, F1 = 2·0.75/1.75.
        Assert.Equal(2 * 0.75 / 1.75, LongBenchMetrics.QaF1("the cat sat on the mat", "A cat on a mat"), 12);
        // Counter intersection: "paris" twice in the output is matched once; P 1/3, R 1 -> 0.5.
        Assert.Equal(0.5, LongBenchMetrics.QaF1("Paris, Paris London", "paris"), 12);
        Assert.Equal(0, LongBenchMetrics.QaF1("Berlin", "Paris"));
        Assert.Equal(0, LongBenchMetrics.QaF1("", "Paris"));
        // Max over the answers, as eval.py's scorer.
        Assert.Equal(1, LongBenchMetrics.Score(LongBenchMetricNames.QaF1, "Paris", ["London", "paris."], null, firstLineOnly: false));
    }

    [Fact]
    public void Chinese_f1_uses_one_word_per_character_with_ascii_runs_whole()
    {
        Assert.Equal(["GPT4", "模", "型", " ", "很", "好", "。"], ChineseWordSplitter.Cut("GPT4模型 很好。"));
        // pred 北 京 是 首 都 (the 。 normalizes to nothing and is dropped), reference 首 都 北 京: 4 shared, P 4/5, R 1.
        Assert.Equal(2 * 0.8 / 1.8, LongBenchMetrics.QaF1Chinese("北京是首都。", "首都北京"), 12);
        Assert.Equal(1, LongBenchMetrics.QaF1Chinese("GPT4模型", "gpt4 模型"), 12);
    }

    [Fact]
    public void Rouge_l_is_the_rouge_package_summary_level_f_over_distinct_words()
    {
        // One sentence each. Distinct words: hyp {the, cat, sat, on, mat} (5), ref {the, cat, was, on, mat} (5). The LCS
        // "the cat on the mat" is the set {the, cat, on, mat}: 4. P = R = 4/5, F = 2PR / (P + R + 1e-8).
        Assert.Equal(2 * 0.64 / (1.6 + 1e-8), LongBenchMetrics.Rouge("the cat sat on the mat", "the cat was on the mat"), 15);
        // exclusive=True: repeated words count once on both sides, so "the the the" against "the" is P = R = 1.
        Assert.Equal(2 / (2 + 1e-8), RougeL.F("the the the", "the"), 15);
        // Summary level: each reference sentence's LCS with every hypothesis sentence joins one union.
        // ref "a c": {a} from "a b", {c} from "c d"; ref "b d": {b}, {d}; union 4 of 4 and 4 words -> F ~ 1.
        Assert.Equal(2 / (2 + 1e-8), RougeL.F("a b. c d", "a c. b d"), 15);
        // Sentences are cut at '.', empty pieces dropped; a piece of spaces stays as an empty sentence.
        Assert.Equal(new[] { new[] { "a" }, new[] { string.Empty }, new[] { "b" } }, RougeL.Sentences("a. .b."));
        // No sentence raises in the package; metrics.py scores it 0.
        Assert.Equal(0, LongBenchMetrics.Rouge("...", "a reference"));
        Assert.Equal(0, LongBenchMetrics.Rouge("", "a reference"));
        Assert.Equal(0, LongBenchMetrics.Rouge("an output", ""));
    }

    [Fact]
    public void The_lcs_is_read_back_with_the_package_tie_rule()
    {
        // From (2, 2): b != a, table[1,2] = table[2,1] = 1, not strictly greater, so left; then b == b.
        Assert.Equal(["b"], RougeL.LcsWords(["a", "b"], ["b", "a"]));
        Assert.Equal(["a", "c"], RougeL.LcsWords(["a", "b", "c"], ["a", "c"]));
    }

    [Fact]
    public void Chinese_rouge_joins_the_segmented_words_with_spaces()
    {
        // 我 爱 北 京 against 我 爱 上 海: distinct 4 and 4, LCS {我, 爱} = 2 -> P = R = 1/2.
        Assert.Equal(2 * 0.25 / (1 + 1e-8), LongBenchMetrics.RougeChinese("我爱北京", "我爱上海"), 15);
    }

    [Fact]
    public void Classification_keeps_the_remove_while_iterating_quirk()
    {
        string[] classes = ["Location", "Loc", "Lo", "Number"];
        // Found: [Location, Loc, Lo]. Location is the reference: kept. Loc is in it but not it: removed, so Lo moves into
        // Loc's place and the loop ends without looking at it. Left [Location, Lo]: 1/2. (Without the quirk: 1.)
        Assert.Equal(0.5, LongBenchMetrics.Classification("Location Loc Lo", "Location", classes));
        Assert.Equal(1, LongBenchMetrics.Classification("It is a Location.", "Location", ["Location", "Number"]));
        Assert.Equal(0, LongBenchMetrics.Classification("Number", "Location", classes));
        // No class found: metrics.py's similarity fallback never runs (a list is never != 0 false), so 0.
        Assert.Equal(0, LongBenchMetrics.Classification("a place", "Location", classes));
    }

    [Fact]
    public void The_first_line_rule_applies_to_trec_triviaqa_samsum_and_lsht()
    {
        Assert.Equal(["trec", "triviaqa", "samsum", "lsht"], LongBenchDatasets.All.Where(d => d.FirstLineOnly).Select(d => d.Name));
        Assert.Equal("Location", LongBenchMetrics.FirstLine("\n\nLocation\nNumber"));
        string[] classes = ["Location", "Number", "Description"];
        // First line only: [Location] -> 1; the whole output would find three classes -> 1/3.
        Assert.Equal(1, LongBenchMetrics.Score(LongBenchMetricNames.Classification, "\nLocation\nNumber Description", ["Location"], classes, firstLineOnly: true));
        Assert.Equal(1.0 / 3, LongBenchMetrics.Score(LongBenchMetricNames.Classification, "\nLocation\nNumber Description", ["Location"], classes, firstLineOnly: false), 12);
    }

    [Fact]
    public void Retrieval_and_count_score_the_share_of_numbers_that_are_right()
    {
        // Numbers 3, 12, 3: two of three are the reference's paragraph.
        Assert.Equal(2.0 / 3, LongBenchMetrics.Retrieval("Paragraph 3, or paragraph 12, no: 3", "Paragraph 3", chinese: false), 12);
        Assert.Equal(0, LongBenchMetrics.Retrieval("I do not know", "Paragraph 3", chinese: false));
        Assert.Equal(0.5, LongBenchMetrics.Retrieval("答案是段落5和段落7", "段落5", chinese: true));
        Assert.Throws<ArgumentException>(() => LongBenchMetrics.Retrieval("3", "no paragraph here", chinese: false));
        // count: 4 and 10 -> 1/2; numbers compare as strings, so "04" is not 4.
        Assert.Equal(0.5, LongBenchMetrics.Count("There are 4 unique paragraphs out of 10", "4"));
        Assert.Equal(0, LongBenchMetrics.Count("04", "4"));
        Assert.Equal(1.0 / 3, LongBenchMetrics.Score(LongBenchMetricNames.Count, "1 2 4", ["4"], null, false), 12);
    }

    [Fact]
    public void Code_similarity_takes_the_first_line_without_comment_or_fence_and_fuzz_ratio()
    {
        // Lines with '#', '`' or "//" are passed over; the first other line is compared.
        Assert.Equal(1, LongBenchMetrics.CodeSimilarity("\n\n# a comment\n```python\n    return x + 1\nfoo", "    return x + 1"));
        // difflib: "    return x + 1" vs "return x+1": matching blocks of 10, ratio 20/26 = 0.769..., round -> 77.
        Assert.Equal(0.77, LongBenchMetrics.CodeSimilarity("    return x + 1", "return x+1"), 12);
        // Every line a comment: the empty string, and fuzz.ratio of an empty string is 0.
        Assert.Equal(0, LongBenchMetrics.CodeSimilarity("// one\n# two", "x = 1"));
    }

    [Fact]
    public void Fuzz_ratio_is_difflib_rounded_half_to_even()
    {
        Assert.Equal(100, FuzzRatio.Ratio("", ""));
        Assert.Equal(0, FuzzRatio.Ratio("", "a"));
        Assert.Equal(75, FuzzRatio.Ratio("abcd", "abce"));
        // 2·1/16 = 12.5% -> 12 and 2·3/16 = 37.5% -> 38: Python's round goes to the even neighbour.
        Assert.Equal(12, FuzzRatio.Ratio("abcdefgh", "axxxxxxx"));
        Assert.Equal(38, FuzzRatio.Ratio("abcdefgh", "abcxxxxx"));
    }

    [Fact]
    public void The_sequence_matcher_is_difflibs_with_autojunk()
    {
        // Values from Python 3's difflib.SequenceMatcher(None, a, b).ratio().
        Assert.Equal(0.4, SequenceMatcher.Ratio("abxcd", "cdxab"), 15);
        // b of 200 elements: 'x' occurs 197 > 200/100 + 1 times, so it is popular and cannot start a match.
        Assert.Equal(0, SequenceMatcher.Ratio(new string('x', 10), "aaa" + new string('x', 197)));
        // ...but a match started at 'a' is extended over it: 2 matches of 202.
        Assert.Equal(4.0 / 202, SequenceMatcher.Ratio("ax", "a" + new string('x', 199)), 15);
        // Code points, not UTF-16 units: one emoji is one element.
        Assert.Equal(2.0 * 1 / 3, SequenceMatcher.Ratio("😀", "😀a"), 15);
    }

    [Fact]
    public void Dataset_scores_are_rounded_as_pythons_round()
    {
        Assert.Equal(2.67, PythonText.Round(2.675, 2));
        Assert.Equal(0.12, PythonText.Round(0.125, 2));
        Assert.Equal(0.38, PythonText.Round(0.375, 2));
        // round(100 · (1 + 0.5 + 0) / 3, 2) = 50.0; round(100 · 2/3, 2) = 66.67.
        Assert.Equal(50.0, LongBenchMetrics.DatasetScore([1, 0.5, 0]));
        Assert.Equal(66.67, LongBenchMetrics.DatasetScore([1, 1, 0]));
        Assert.True(double.IsNaN(LongBenchMetrics.DatasetScore([])));
    }

    [Fact]
    public void Python_whitespace_includes_the_information_separators()
    {
        Assert.Equal(["a", "b", "c"], PythonText.SplitWhitespace(" a\u001fb\u00a0 c\n"));
        Assert.Throws<ArgumentException>(() => LongBenchMetrics.Score("bleu", "a", "a", null));
    }
}
