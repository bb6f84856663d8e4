using System.Buffers;
using UltraLLaDA.Data.Sources;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>
/// A document after tokenization, travelling from a worker to the packer. Its ids live in a pooled
/// array that the pack stage returns once the packer has copied them into records.
/// </summary>
internal sealed class TokenizedDocument
{
    private uint[]? _ids;

    public TokenizedDocument(long sequence, SourceDocument document, uint[] ids, int count, long budgetCost)
    {
        Sequence = sequence;
        Document = document;
        _ids = ids;
        Count = count;
        BudgetCost = budgetCost;
    }

    /// <summary>Position in the order the reader produced documents (restores input order after the workers).</summary>
    public long Sequence { get; }

    /// <summary>Provenance; its text has been dropped to free memory.</summary>
    public SourceDocument Document { get; }

    public int Count { get; }

    public long BudgetCost { get; }

    public ReadOnlySpan<uint> Ids => (_ids ?? throw new ObjectDisposedException(nameof(TokenizedDocument))).AsSpan(0, Count);

    public void ReturnIds()
    {
        var ids = Interlocked.Exchange(ref _ids, null);
        if (ids is not null && ids.Length > 0)
            ArrayPool<uint>.Shared.Return(ids);
    }
}
