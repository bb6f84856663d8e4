namespace UltraLLaDA.Data.Tokenization.Bpe;

/// <summary>
/// Runs the BPE merges over the bytes of one pre-tokenized piece. Always merges the adjacent pair with
/// the lowest priority, the leftmost one on a tie: this is both HF's queue order (priority, position)
/// and tiktoken's <c>_byte_pair_merge</c>. Holds scratch arrays, so one instance per worker.
/// </summary>
internal sealed class BpeMerger
{
    // Up to this many bytes an O(n^2) scan over a flat array is fastest; longer pieces (runs of
    // punctuation or spaces) use a priority queue so a pathological piece stays O(n log n).
    private const int FlatLimit = 96;
    private const int NoMerge = int.MaxValue;

    private readonly BpeVocabulary _vocabulary;
    private readonly int[] _ids = new int[FlatLimit];
    private readonly int[] _priorities = new int[FlatLimit];
    private readonly int[] _results = new int[FlatLimit];
    private readonly PriorityQueue<(int Position, int Result), long> _queue = new();
    private int[] _symbolIds = [];
    private int[] _previous = [];
    private int[] _next = [];

    public BpeMerger(BpeVocabulary vocabulary) => _vocabulary = vocabulary;

    /// <summary>Appends the tokens of <paramref name="bytes"/> (one non-empty piece) to <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<byte> bytes, TokenBuffer output)
    {
        if (bytes.Length == 1)
        {
            output.Add((uint)_vocabulary.ByteId(bytes[0]));
            return;
        }
        if (_vocabulary.IgnoreMerges && _vocabulary.TryGetId(bytes, out var whole))
        {
            output.Add((uint)whole);
            return;
        }
        if (bytes.Length <= FlatLimit)
            EncodeFlat(bytes, output);
        else
            EncodeWithQueue(bytes, output);
    }

    private void EncodeFlat(ReadOnlySpan<byte> bytes, TokenBuffer output)
    {
        var merges = _vocabulary.Merges;
        var ids = _ids;
        var priorities = _priorities;
        var results = _results;
        var count = bytes.Length;
        for (var i = 0; i < count; i++)
            ids[i] = _vocabulary.ByteId(bytes[i]);
        for (var i = 0; i < count - 1; i++)
            priorities[i] = merges.TryGet(ids[i], ids[i + 1], out var p, out results[i]) ? p : NoMerge;

        while (count > 1)
        {
            var best = 0;
            var bestPriority = priorities[0];
            for (var i = 1; i < count - 1; i++)
            {
                if (priorities[i] < bestPriority)
                {
                    bestPriority = priorities[i];
                    best = i;
                }
            }
            if (bestPriority == NoMerge)
                break;

            ids[best] = results[best];
            // Drop symbol best+1 and the pair that started at it; pairs further right move one left.
            ids.AsSpan(best + 2, count - best - 2).CopyTo(ids.AsSpan(best + 1));
            priorities.AsSpan(best + 2, count - best - 3 > 0 ? count - best - 3 : 0).CopyTo(priorities.AsSpan(best + 1));
            results.AsSpan(best + 2, count - best - 3 > 0 ? count - best - 3 : 0).CopyTo(results.AsSpan(best + 1));
            count--;
            if (best > 0)
                priorities[best - 1] = merges.TryGet(ids[best - 1], ids[best], out var p, out results[best - 1]) ? p : NoMerge;
            if (best < count - 1)
                priorities[best] = merges.TryGet(ids[best], ids[best + 1], out var p, out results[best]) ? p : NoMerge;
        }

        for (var i = 0; i < count; i++)
            output.Add((uint)ids[i]);
    }

    // HF's BPE::merge_word: a doubly linked list of symbols and a queue of candidate merges ordered by
    // (priority, position); stale candidates are skipped when popped.
    private void EncodeWithQueue(ReadOnlySpan<byte> bytes, TokenBuffer output)
    {
        var merges = _vocabulary.Merges;
        var count = bytes.Length;
        if (_symbolIds.Length < count)
        {
            _symbolIds = new int[count];
            _previous = new int[count];
            _next = new int[count];
        }
        var ids = _symbolIds;
        var previous = _previous;
        var next = _next;
        for (var i = 0; i < count; i++)
        {
            ids[i] = _vocabulary.ByteId(bytes[i]);
            previous[i] = i - 1;
            next[i] = i + 1 < count ? i + 1 : -1;
        }

        var queue = _queue;
        queue.Clear();
        for (var i = 0; i < count - 1; i++)
            Enqueue(merges, queue, ids, i, i + 1);

        while (queue.TryDequeue(out var candidate, out _))
        {
            var left = candidate.Position;
            if (ids[left] < 0)
                continue;
            var right = next[left];
            if (right < 0)
                continue;
            if (!merges.TryGet(ids[left], ids[right], out _, out var result) || result != candidate.Result)
                continue;

            ids[left] = result;
            ids[right] = -1;
            var after = next[right];
            next[left] = after;
            if (after >= 0)
                previous[after] = left;
            if (previous[left] >= 0)
                Enqueue(merges, queue, ids, previous[left], left);
            if (after >= 0)
                Enqueue(merges, queue, ids, left, after);
        }

        for (var i = 0; i >= 0; i = next[i])
            output.Add((uint)ids[i]);
    }

    private static void Enqueue(MergeTable merges, PriorityQueue<(int, int), long> queue, int[] ids, int left, int right)
    {
        if (merges.TryGet(ids[left], ids[right], out var priority, out var result))
            queue.Enqueue((left, result), ((long)priority << 32) | (uint)left);
    }
}
