using CsCheck;
using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Tests.Packing;

public class PackerPropertyTests
{
    private const int Iterations = 2000;

    [Fact]
    public void Every_record_but_the_tail_holds_exactly_seq_len_tokens()
    {
        PackingGen.Case.Sample(c =>
        {
            var records = c.Pack();
            var seqLen = c.Options.SeqLen;
            for (var i = 0; i < records.Count - 1; i++)
                Assert.Equal(seqLen, records[i].Tokens.Length);
            if (records.Count == 0)
                return;
            var last = records[^1];
            switch (c.Options.Tail)
            {
                case TailPolicy.Keep:
                    Assert.InRange(last.Tokens.Length, 1, seqLen);
                    break;
                default:
                    Assert.Equal(seqLen, last.Tokens.Length);
                    break;
            }

            Assert.All(records.SkipLast(1), r => Assert.False(r.IsPadded));
        }, iter: Iterations);
    }

    [Fact]
    public void No_token_is_lost_duplicated_or_reordered()
    {
        PackingGen.Case.Sample(c =>
        {
            var records = c.Pack(out var stats);
            var rebuilt = Enumerable.Range(0, c.Documents.Length).Select(_ => new List<uint>()).ToArray();
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

            var streams = Enumerable.Range(0, c.Documents.Length).Select(c.Stream).ToArray();
            var total = streams.Sum(s => (long)s.Length);
            if (c.Options.Tail == TailPolicy.Drop)
            {
                // Only the very end of the split may be missing, and exactly what was counted as dropped.
                var kept = rebuilt.Sum(d => (long)d.Count);
                Assert.Equal(total - stats.DroppedTokens, kept);
                Assert.InRange(stats.DroppedTokens, 0, c.Options.SeqLen - 1);
                var flat = streams.SelectMany(s => s).Take((int)kept).ToArray();
                Assert.Equal(flat, rebuilt.SelectMany(d => d).ToArray());
            }
            else
            {
                for (var d = 0; d < streams.Length; d++)
                    Assert.Equal(streams[d], rebuilt[d].ToArray());
                Assert.Equal(total, stats.Tokens);
            }

            Assert.Equal(c.Documents.Count(d => d.Length == 0), stats.EmptyDocuments);
            Assert.Equal(records.Count, stats.Records);
        }, iter: Iterations);
    }

    [Fact]
    public void Segment_ids_are_contiguous_runs_from_one_and_padding_is_zero()
    {
        PackingGen.Case.Sample(c =>
        {
            foreach (var record in c.Pack())
                RecordShape.AssertRunsThenPadding(record);
        }, iter: Iterations);
    }

    [Fact]
    public void Eod_appears_only_at_the_real_end_of_a_document()
    {
        PackingGen.Case.Sample(c =>
        {
            foreach (var record in c.Pack())
            {
                var position = 0;
                foreach (var segment in record.Segments)
                {
                    var streamLength = c.Stream((int)segment.Doc).Length;
                    var endsDocument = segment.Offset + segment.Length == streamLength;
                    for (var i = 0; i < segment.Length; i++)
                    {
                        var isEod = record.Tokens[position + i] == PackingCase.Eod;
                        var isLastOfDocument = endsDocument && i == segment.Length - 1;
                        Assert.Equal(c.Options.Layout == SequenceLayout.Eod && isLastOfDocument, isEod);
                    }

                    position += (int)segment.Length;
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Bos_starts_every_document_and_nothing_else()
    {
        PackingGen.Case.Where(c => c.Options.BosId is not null).Sample(c =>
        {
            foreach (var record in c.Pack())
            {
                var position = 0;
                foreach (var segment in record.Segments)
                {
                    for (var i = 0; i < segment.Length; i++)
                        Assert.Equal(segment.Offset + i == 0, record.Tokens[position + i] == PackingCase.Bos);
                    position += (int)segment.Length;
                }
            }
        }, iter: 500);
    }

    [Fact]
    public void Next_position_says_where_the_following_record_begins()
    {
        PackingGen.Case.Sample(c =>
        {
            var records = c.Pack();
            for (var i = 0; i + 1 < records.Count; i++)
            {
                var next = records[i].Next;
                var first = records[i + 1].Segments[0];
                if (next.Offset == 0)
                {
                    Assert.Equal(0u, first.Offset);
                    Assert.True((long)first.Doc >= next.Doc);
                }
                else
                {
                    Assert.Equal(next, new PackPosition((long)first.Doc, first.Offset));
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Resuming_from_any_record_boundary_gives_the_same_records()
    {
        PackingGen.Case.Sample(c =>
        {
            var full = c.Pack();
            for (var cut = 0; cut < full.Count; cut++)
            {
                var start = cut == 0 ? PackPosition.Start : full[cut - 1].Next;
                var packer = new Packer(c.Options, start, firstRecordIndex: cut);
                var resumed = new List<RecordCopy>();
                for (var d = 0; d < c.Documents.Length; d++)
                {
                    packer.Add(d, c.Documents[d]);
                    while (packer.TryTake(out var r))
                        resumed.Add(RecordCopy.Of(r));
                }

                packer.Complete();
                while (packer.TryTake(out var r))
                    resumed.Add(RecordCopy.Of(r));

                Assert.Equal(full.Count - cut, resumed.Count);
                for (var i = 0; i < resumed.Count; i++)
                {
                    var expected = full[cut + i];
                    var actual = resumed[i];
                    Assert.Equal(expected.Index, actual.Index);
                    Assert.Equal(expected.Tokens, actual.Tokens);
                    Assert.Equal(expected.SegmentIds, actual.SegmentIds);
                    Assert.Equal(expected.Segments, actual.Segments);
                    Assert.Equal(expected.IsPadded, actual.IsPadded);
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Pieces_beyond_the_fewest_are_what_the_records_show()
    {
        PackingGen.Case.Sample(c =>
        {
            var records = c.Pack(out var stats);
            if (c.Options.Tail == TailPolicy.Drop)
            {
                // The dropped tail is invisible in the records; the same case kept shows where its pieces went.
                var keep = c with { Options = c.Options with { Tail = TailPolicy.Keep } };
                var kept = keep.Pack(out var keptStats);
                Assert.Equal(RecordPieces.Extra(keep, kept), stats.ExtraPieces);
                Assert.Equal(keptStats.ExtraPieces, stats.ExtraPieces);
            }
            else
            {
                Assert.Equal(RecordPieces.Extra(c, records), stats.ExtraPieces);
                Assert.Equal(RecordPieces.PerDocument(records).Count(p => p.Value > 1), stats.CutDocuments);
                Assert.Equal(RecordPieces.Padding(records), stats.PaddingTokens);
            }

            Assert.InRange(stats.ExtraPieces, 0, stats.CutDocuments);
        }, iter: Iterations);
    }
}
