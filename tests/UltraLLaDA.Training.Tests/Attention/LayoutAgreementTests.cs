using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Training.Attention;
using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Attention;

/// <summary>
/// Issue 11, item 7: `mask` draws what the trainer does. For each layout, one record of several segments and
/// padding goes through the trainer's batch builder (its attention plan) and through the mask picture at one pixel a
/// token: every cell the picture shows as attending is a pair the plan lets attend, and the other way round.
/// </summary>
public sealed class LayoutAgreementTests
{
    private const int SeqLen = 20;
    private const uint Eod = 1;

    // doc 3 (5 tokens, continued from an earlier record), doc 4 (6 tokens), doc 9 (4 tokens), then 5 of padding.
    private static readonly Segment[] Segments = [new(3, 7, 5), new(4, 0, 6), new(9, 0, 4)];

    [Theory]
    [InlineData(SequenceLayout.Adaptive)]
    [InlineData(SequenceLayout.Eod)]
    [InlineData(SequenceLayout.Direct)]
    public void The_mask_picture_and_the_trainers_attention_plan_agree_cell_by_cell(SequenceLayout layout)
    {
        using var temp = new TempDirectory();
        using var reader = ShardReader.Open(WriteShard(temp.Combine("agree.ulds"), layout));
        var record = reader.ReadRecord(0);
        Assert.Equal(3, record.SegmentCount);
        Assert.True(record.IsPadded);

        var batch = new BatchBuilder(new OneShard(reader), layout).Build([0], DataPosition.Start, DataPosition.Start);
        var plan = batch.Plan();
        var picture = MaskModel.Record(reader.Header, record, "agree.ulds", SeqLen);
        Assert.Equal(SeqLen, picture.Matrix.Width);

        var segmentOf = new int[SeqLen];
        for (var i = 0; i < SeqLen; i++)
            segmentOf[i] = (int)record.SegmentIds[i];
        var eodRows = Enumerable.Range(0, SeqLen).Where(i => layout == SequenceLayout.Eod && segmentOf[i] != 0 && record.Tokens[i] == Eod).ToHashSet();
        var compared = 0;
        var attending = 0;
        for (var query = 0; query < SeqLen; query++)
        {
            for (var key = 0; key < SeqLen; key++)
            {
                // In eod the rows and columns of EOD tokens are overlaid in black to show where they sit.
                if (eodRows.Contains(query) || eodRows.Contains(key))
                {
                    Assert.Equal(MaskPalette.Eod, picture.Matrix[key, query]);
                    continue;
                }

                var planned = Attends(plan.Rows[0], query, key);
                var cell = picture.Matrix[key, query];
                var drawn = cell is not (MaskPalette.Masked or MaskPalette.Padding);
                Assert.True(planned == drawn, $"{layout}: query {query}, key {key}: plan {(planned ? "attends" : "does not")}, picture {cell:X8}");
                if (planned)
                {
                    // Attending pairs are the segment's colour within a segment, attention across documents otherwise.
                    var expected = segmentOf[query] == segmentOf[key] ? MaskPalette.Document(Segments[segmentOf[query] - 1].Doc) : MaskPalette.CrossDocument;
                    Assert.Equal(expected, cell);
                    attending++;
                }
                else
                {
                    Assert.Equal(segmentOf[query] == 0 || segmentOf[key] == 0 ? MaskPalette.Padding : MaskPalette.Masked, cell);
                }

                compared++;
            }
        }

        // Every cell off the EOD overlay was compared; adaptive keeps 25 + 36 + 16 pairs, full attention all 15 x 15.
        Assert.Equal((SeqLen * SeqLen) - (eodRows.Count * ((2 * SeqLen) - eodRows.Count)), compared);
        Assert.Equal(
            layout == SequenceLayout.Adaptive ? 77 : 225 - (eodRows.Count * ((2 * 15) - eodRows.Count)),
            attending);
    }

    private static bool Attends(AttentionSpan[] spans, int query, int key) =>
        spans.Any(s => !s.IsPadding && query >= s.Start && query < s.End && key >= s.Start && key < s.End);

    private static string WriteShard(string path, SequenceLayout layout)
    {
        var header = new ShardHeader
        {
            SeqLen = SeqLen,
            Layout = layout,
            VocabSize = 100,
            EodId = Eod,
            PadId = 0,
            Tokenizer = new TokenizerStamp("t", new string('a', 64)),
            ShardIndex = 0,
        };
        var tokens = new uint[SeqLen];
        var ids = new uint[SeqLen];
        var at = 0;
        for (var k = 0; k < Segments.Length; k++)
        {
            for (var i = 0; i < Segments[k].Length; i++, at++)
            {
                tokens[at] = (uint)(10 + at);
                ids[at] = (uint)k + 1;
            }

            // In eod every document that ends in the record ends in EOD; the first one continues from an earlier record.
            if (layout == SequenceLayout.Eod)
                tokens[at - 1] = Eod;
        }

        using var writer = ShardWriter.Create(path, header);
        writer.Write(tokens, ids, Segments, padded: true);
        writer.Complete();
        return path;
    }

    /// <summary>The shard's records, for the batch builder.</summary>
    private sealed class OneShard(ShardReader reader) : IRecordSource
    {
        public ShardHeader Header => reader.Header;

        public DataRequirements Requirements => DataRequirements.Of(reader.Header);

        public long Count => reader.RecordCount;

        public ShardRecord Read(long index, ShardRecord? reuse = null) => reader.ReadRecord((int)index, reuse);
    }
}
