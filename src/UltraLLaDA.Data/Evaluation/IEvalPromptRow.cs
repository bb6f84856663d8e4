namespace UltraLLaDA.Data.Evaluation;

/// <summary>What every row of a prompt set's JSONL says of its prompt: its position and where its tokens are.</summary>
public interface IEvalPromptRow
{
    /// <summary>Position in the JSONL (0-based).</summary>
    int Index { get; }

    /// <summary>Tokens in the prompt (exactly).</summary>
    int Length { get; }

    /// <summary>The shard holding the prompt, relative to the set folder.</summary>
    string Shard { get; }

    /// <summary>The prompt's record in that shard.</summary>
    int Record { get; }
}
