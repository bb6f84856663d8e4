namespace UltraLLaDA.Data.Evaluation;

/// <summary>What every prompt set's index (niah.json, ruler.json, longbench.json) says that opening the set checks.</summary>
public interface IEvalSetIndex
{
    /// <summary>The set's kind, e.g. <c>niah</c>.</summary>
    string Kind { get; }

    /// <summary>The tokenizer the set was made with; its shards must carry the same.</summary>
    EvalTokenizer Tokenizer { get; }

    /// <summary>Rows in the set's JSONL.</summary>
    int Records { get; }
}
