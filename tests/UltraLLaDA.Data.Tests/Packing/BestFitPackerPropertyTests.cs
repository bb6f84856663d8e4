using CsCheck;
using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Tests.Packing;

public class BestFitPackerPropertyTests
{
    private const int Iterations = 2000;

    [Fact]
    public void Every_record_holds_exactly_seq_len_tokens_but_a_kept_tail()
    {
        BestFitGen.Case.Sample(c =>
        {
            var records = c.Pack();
            var seqLen = c.Input.Options.SeqLen;
            for (var i = 0; i < records.Count; i++)
            {
                if (i == records.Count - 1 && c.Input.Options.Tail == TailPolicy.Keep)
                    Assert.InRange(records[i].Tokens.Length, 1, seqLen);
                else
                    Assert.Equal(seqLen, records[i].Tokens.Length);
                Assert.Equal(i, records[i].Index);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void No_token_is_lost_or_duplicated_and_each_document_reassembles_in_record_order()
    {
        BestFitGen.Case.Sample(c =>
        {
            var records = c.Pack(out var stats);
            var rebuilt = Enumerable.Range(0, c.Input.Documents.Length).Select(_ => new List<uint>()).ToArray();
            foreach (var record in records)
            {
                var position = 0;
                foreach (var segment in record.Segments)
                {
                    var doc = rebuilt[(int)segment.Doc];
                    Assert.Equal((uint)doc.Count, segment.Offset); // offsets continue exactly where the last piece ended
                    doc.AddRange(record.Tokens.AsSpan(position, (int)segment.Length).ToArray());
                    position += (int)segment.Length;
                }
            }

            var streams = Enumerable.Range(0, c.Input.Documents.Length).Select(c.Input.Stream).ToArray();
            long missing = 0;
            for (var d = 0; d < streams.Length; d++)
            {
                // A dropped tail takes whole last pieces: every document is a prefix of its stream, and all of it otherwise.
                Assert.Equal(streams[d].Take(rebuilt[d].Count), rebuilt[d]);
                missing += streams[d].Length - rebuilt[d].Count;
            }

            Assert.Equal(c.Input.Options.Tail == TailPolicy.Drop ? stats.DroppedTokens : 0, missing);
            Assert.InRange(stats.DroppedTokens, 0, c.Input.Options.SeqLen - 1);
            Assert.Equal(streams.Sum(s => (long)s.Length), stats.Tokens); // a dropped tail's tokens included, as concat counts them
        }, iter: Iterations);
    }

    [Fact]
    public void Segment_ids_are_contiguous_runs_from_one_and_only_trailing_padding_is_zero()
    {
        BestFitGen.Case.Sample(c =>
        {
            foreach (var record in c.Pack())
                RecordShape.AssertRunsThenPadding(record);
        }, iter: Iterations);
    }

    [Fact]
    public void Every_document_takes_the_fewest_pieces_all_but_its_last_a_whole_record()
    {
        BestFitGen.Case.Where(c => c.Input.Options.Tail != TailPolicy.Drop).Sample(c =>
        {
            var records = c.Pack(out var stats);
            var seqLen = c.Input.Options.SeqLen;
            var pieces = RecordPieces.PerDocument(records);
            for (var d = 0; d < c.Input.Documents.Length; d++)
                Assert.Equal(RecordPieces.Fewest(c.Input.Stream(d).Length, seqLen), pieces.GetValueOrDefault(d));
            foreach (var record in records)
            {
                foreach (var segment in record.Segments)
                {
                    var endsDocument = segment.Offset + segment.Length == c.Input.Stream((int)segment.Doc).Length;
                    Assert.True(endsDocument || (segment.Length == seqLen && record.Segments.Length == 1), $"piece {segment} of record {record.Index} is cut short");
                }
            }

            Assert.Equal(0, stats.ExtraPieces);
            Assert.Equal(0, RecordPieces.Extra(c.Input, records));
        }, iter: Iterations);
    }

    [Fact]
    public void Counts_are_what_the_records_show()
    {
        BestFitGen.Case.Where(c => c.Input.Options.Tail != TailPolicy.Drop).Sample(c =>
        {
            var records = c.Pack(out var stats);
            var pieces = RecordPieces.PerDocument(records);
            Assert.Equal(records.Count, stats.Records);
            Assert.Equal(records.Sum(r => (long)r.Segments.Length), stats.Segments);
            Assert.Equal(pieces.Count, stats.Documents);
            Assert.Equal(pieces.Count(p => p.Value > 1), stats.CutDocuments);
            Assert.Equal(c.Input.Documents.Count(d => d.Length == 0), stats.EmptyDocuments);
            Assert.Equal(RecordPieces.Padding(records), stats.PaddingTokens);
            Assert.Equal(records.Sum(r => (long)r.Tokens.Length), stats.Tokens + stats.PaddingTokens);
            Assert.Equal(0, stats.DroppedTokens);
        }, iter: Iterations);
    }

    [Fact]
    public void Drop_and_keep_differ_only_in_a_short_last_record()
    {
        BestFitGen.Case.Where(c => c.Input.Options.Tail == TailPolicy.Keep).Sample(c =>
        {
            var kept = c.Pack(out var keptStats);
            var drop = c with { Input = c.Input with { Options = c.Input.Options with { Tail = TailPolicy.Drop } } };
            var dropped = drop.Pack(out var droppedStats);
            var shortTail = kept.Count > 0 && kept[^1].Tokens.Length < c.Input.Options.SeqLen;
            Assert.Equal(shortTail ? kept.Count - 1 : kept.Count, dropped.Count);
            for (var i = 0; i < dropped.Count - 1; i++)
                Assert.Equivalent(kept[i], dropped[i], strict: true);
            if (dropped.Count > 0)
                Assert.Empty(drop.Resume(dropped[^1].Next, dropped.Count)); // the new last record's resume point leads to nothing more
            Assert.Equal(shortTail ? kept[^1].Tokens.Length : 0, droppedStats.DroppedTokens);
            Assert.Equal(keptStats.Documents, droppedStats.Documents);
            Assert.Equal(keptStats.CutDocuments, droppedStats.CutDocuments);
            Assert.Equal(keptStats.Tokens, droppedStats.Tokens);
            Assert.Equal(keptStats.Segments, droppedStats.Segments);
        }, iter: Iterations);
    }

    [Fact]
    public void A_record_holds_documents_of_one_window_only()
    {
        BestFitGen.Case.Sample(c =>
        {
            foreach (var record in c.Pack().Where(r => r.Segments.Length > 1))
            {
                var docs = record.Segments.Select(s => (long)s.Doc).ToArray();
                Assert.True(docs.Max() - docs.Min() < c.Window.MaxDocuments, $"record {record.Index} mixes documents {string.Join(",", docs)}");
                // The window closes once it has buffered MaxTokens: all but its last document's piece stayed below that.
                var beforeLast = record.Segments.Where(s => s.Doc != record.Segments.Max(x => x.Doc)).Sum(s => (long)s.Length);
                Assert.True(beforeLast < c.Window.MaxTokens, $"record {record.Index} holds more than the window buffers before it closes");
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Same_input_gives_the_same_records_however_they_are_drained()
    {
        BestFitGen.Case.Sample(c =>
        {
            var first = c.Pack(out var stats);
            Assert.Equivalent(first, c.Pack(), strict: true);
            Assert.Equivalent(first, c.PackDrainingOnlyAtTheEnd(out var undrained), strict: true);
            Assert.Equivalent(stats, undrained, strict: true); // everything is counted when a window closes, not when its records are taken
        }, iter: 500);
    }

    [Fact]
    public void Resuming_from_any_record_gives_the_same_remaining_records()
    {
        BestFitGen.Case.Sample(c =>
        {
            var full = c.Pack();
            for (var cut = 0; cut <= full.Count; cut++)
            {
                var start = cut == 0 ? PackPosition.Start : full[cut - 1].Next;
                var resumed = c.Resume(start, firstRecordIndex: cut);
                Assert.Equal(full.Count - cut, resumed.Count);
                for (var i = 0; i < resumed.Count; i++)
                    Assert.Equivalent(full[cut + i], resumed[i], strict: true);
            }
        }, iter: 300);
    }

    [Fact]
    public void Chunks_come_in_document_order_and_placed_segments_in_best_fit_order()
    {
        BestFitGen.Case.Sample(c =>
        {
            var seqLen = c.Input.Options.SeqLen;
            (ulong Doc, uint Offset)? lastChunk = null;
            foreach (var record in c.Pack())
            {
                var segments = record.Segments;
                if (segments.Length == 1 && segments[0].Length == seqLen)
                {
                    var chunk = (segments[0].Doc, segments[0].Offset);
                    Assert.True(lastChunk is null || chunk.CompareTo(lastChunk.Value) > 0, $"chunk {segments[0]} of record {record.Index} is out of order");
                    Assert.Equal(0u, segments[0].Offset % (uint)seqLen);
                    lastChunk = chunk;
                    continue;
                }

                for (var k = 1; k < segments.Length; k++)
                {
                    var (before, after) = (segments[k - 1], segments[k]);
                    Assert.True(before.Length > after.Length || (before.Length == after.Length && before.Doc < after.Doc), $"record {record.Index}: {after} placed after {before}");
                }
            }
        }, iter: Iterations);
    }
}
