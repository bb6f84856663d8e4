using UltraLLaDA.Data.Evaluation.Ruler;
using UltraLLaDA.Training.Evaluation.Ruler;

namespace UltraLLaDA.Training.Tests.Evaluation.Ruler;

/// <summary>RULER's metrics against cases worked by hand from scripts/eval/synthetic/constants.py and evaluate.py.</summary>
public class RulerMetricsTests
{
    [Fact]
    public void String_match_all_is_the_share_of_references_found_case_insensitively()
    {
        // refs ["ABC", "def", "xyz"] in "abc and DEF": 2 of 3.
        Assert.Equal(2.0 / 3, RulerMetrics.StringMatchAll("abc and DEF", ["ABC", "def", "xyz"]), 12);
        Assert.Equal(1.0, RulerMetrics.StringMatchAll("1234567", ["1234567"]));
        Assert.Equal(0.0, RulerMetrics.StringMatchAll("123456", ["1234567"]));
        // A substring counts: "1234567" is in "x12345678".
        Assert.Equal(1.0, RulerMetrics.StringMatchAll("x12345678", ["1234567"]));
    }

    [Fact]
    public void String_match_part_is_one_when_any_reference_is_found()
    {
        Assert.Equal(1.0, RulerMetrics.StringMatchPart("It was Miriam Okafor.", ["the engineer Miriam Okafor", "miriam okafor"]));
        Assert.Equal(0.0, RulerMetrics.StringMatchPart("Ansel Brooke", ["Miriam Okafor"]));
    }

    [Fact]
    public void Outputs_are_stripped_and_control_characters_become_line_breaks_before_matching()
    {
        Assert.Equal("a\nb\nc", RulerMetrics.Postprocess("  a\tb\u0001c \n"));
        // A reference spanning a tab is not found once the tab became a line break (as in RULER).
        Assert.Equal(0.0, RulerMetrics.Score(RulerMetricNames.StringMatchAll, "a\tb", ["a\tb"]));
        Assert.Equal(0.5, RulerMetrics.Score(RulerMetricNames.StringMatchAll, " 42 ", ["42", "43"]));
        Assert.Throws<ArgumentException>(() => RulerMetrics.Score("f1", "x", ["x"]));
    }

    [Fact]
    public void Table_columns_are_means_over_prompts_so_weighted_by_question_count()
    {
        // 4K: 3 NIAH prompts (1, 1, 0), 1 VT prompt (0.5): NIAH 66.67, VT 50, AVG (1+1+0+0.5)/4 = 62.5 — not the
        // mean of the category means (58.33).
        RulerPromptResult R(string task, string category, double score, int length = 4096) => new(0, task, category, length, ["x"], "", score, 0);
        var table = RulerEvaluator.Table([4096, 8192], [R("niah_single_1", "NIAH", 1), R("niah_single_2", "NIAH", 1), R("niah_single_3", "NIAH", 0), R("vt", "VT", 0.5)]);
        Assert.Equal(4, table[0].Prompts);
        Assert.Equal(62.5, table[0].Avg, 9);
        Assert.Equal(200.0 / 3, table[0].Niah, 9);
        Assert.Equal(50, table[0].Vt, 9);
        Assert.True(double.IsNaN(table[0].Agg) && double.IsNaN(table[0].Qa));
        Assert.Equal(0, table[1].Prompts);
        Assert.True(double.IsNaN(table[1].Avg));
    }
}
