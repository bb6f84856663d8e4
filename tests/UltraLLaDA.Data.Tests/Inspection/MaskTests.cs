using SkiaSharp;
using UltraLLaDA.Data.Cli.Inspection;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Inspection;

public class MaskTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A shard with one record of 12 tokens: doc 4 (5 tokens, continued), doc 5 (4 tokens), doc 7 (3 tokens), in the given layout.</summary>
    private string Shard(SequenceLayout layout, bool padded = false)
    {
        var path = _temp.File($"{layout}-{padded}.ulds");
        var header = new ShardHeader
        {
            SeqLen = 12,
            Layout = layout,
            VocabSize = 100,
            EodId = 1,
            PadId = 0,
            Tokenizer = new TokenizerStamp("t", new string('a', 64)),
            ShardIndex = 0,
        };
        using var writer = ShardWriter.Create(path, header);
        uint[] tokens = layout == SequenceLayout.Eod ? [10, 11, 12, 13, 1, 20, 21, 22, 1, 30, 31, 1] : [10, 11, 12, 13, 14, 20, 21, 22, 23, 30, 31, 32];
        uint[] ids = [1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3];
        Segment[] segments = [new(4, 7, 5), new(5, 0, 4), new(7, 0, 3)];
        if (padded)
        {
            tokens[9] = tokens[10] = tokens[11] = 0;
            ids[9] = ids[10] = ids[11] = 0;
            segments = segments[..2];
        }

        writer.Write(tokens, ids, segments, padded);
        writer.Complete();
        return path;
    }

    private static (MaskPicture Picture, ShardRecord Record) Model(string shard, int size)
    {
        using var reader = ShardReader.Open(shard);
        var record = reader.ReadRecord(0);
        return (MaskModel.Record(reader.Header, record, "t", size), record);
    }

    private static SKColor Pixel(SKBitmap bitmap, int x, int y) => bitmap.GetPixel(x, y);

    private static SKColor Color(uint argb) => new(argb);

    [Fact]
    public void Adaptive_is_block_diagonal_with_each_segment_in_its_documents_colour()
    {
        // 12 tokens on 120 px: 10 px a token.
        var (picture, _) = Model(Shard(SequenceLayout.Adaptive), 120);
        var m = picture.Matrix;
        Assert.Equal(120, m.Width);
        Assert.Equal(MaskPalette.Document(4), m[25, 25]);   // token 2 x token 2: doc 4
        Assert.Equal(MaskPalette.Document(5), m[65, 55]);   // tokens 6, 5: doc 5
        Assert.Equal(MaskPalette.Document(7), m[115, 95]);  // tokens 11, 9: doc 7
        Assert.Equal(MaskPalette.Masked, m[65, 25]);        // doc 4 query, doc 5 key: masked
        Assert.Equal(MaskPalette.Masked, m[5, 115]);
        Assert.Equal(MaskPalette.Document(5), picture.Axis[70, 0]);
    }

    [Fact]
    public void Downsampled_pixels_mix_the_block_they_stand_for()
    {
        // 12 tokens on 16 px can not be drawn 1:1 (tokens per pixel 0.75); a pixel straddling tokens 4 and 5 mixes doc 4 and masked.
        var (picture, _) = Model(Shard(SequenceLayout.Adaptive), 16);
        Assert.Equal(12, picture.Matrix.Width); // up to size: never more pixels than asked, whole tokens
        var (big, _) = Model(Shard(SequenceLayout.Adaptive), 18);
        Assert.Equal(12, big.Matrix.Width);
        Assert.Equal(MaskPalette.Document(4), big.Matrix[0, 0]);
    }

    [Fact]
    public void Eod_is_the_full_square_with_eod_rows_and_columns_marked()
    {
        var (picture, _) = Model(Shard(SequenceLayout.Eod), 120);
        var m = picture.Matrix;
        Assert.Equal(MaskPalette.Document(4), m[15, 15]);
        Assert.Equal(MaskPalette.CrossDocument, m[65, 15]);  // doc 4 attends doc 5
        Assert.Equal(MaskPalette.Eod, m[45, 15]);            // token 4 is an EOD: its column
        Assert.Equal(MaskPalette.Eod, m[65, 85]);            // token 8 is an EOD: its row
        Assert.Equal(MaskPalette.Eod, m[115, 5]);            // token 11 is an EOD
        Assert.Contains(picture.Legend, e => e.Color == MaskPalette.Eod && e.Label.Contains("3 in this record", StringComparison.Ordinal));
    }

    [Fact]
    public void Direct_is_the_full_square_without_marks()
    {
        var (picture, _) = Model(Shard(SequenceLayout.Direct), 120);
        Assert.Equal(MaskPalette.CrossDocument, picture.Matrix[65, 15]);
        Assert.Equal(MaskPalette.Document(7), picture.Matrix[105, 105]);
        Assert.DoesNotContain(picture.Matrix.Pixels, p => p == MaskPalette.Eod);
    }

    [Fact]
    public void Padding_is_grey()
    {
        var (picture, _) = Model(Shard(SequenceLayout.Adaptive, padded: true), 120);
        Assert.Equal(MaskPalette.Padding, picture.Matrix[105, 105]);
        Assert.Equal(MaskPalette.Padding, picture.Matrix[5, 105]);
        Assert.Contains(picture.Legend, e => e.Color == MaskPalette.Padding);
    }

    [Fact]
    public async Task The_png_has_the_expected_colours_at_known_positions()
    {
        var shard = Shard(SequenceLayout.Eod);
        var png = _temp.File("record.png");
        var (exit, output, _) = await InspectionFixture.RunAsync("mask", shard, "--record", "0", "--png", png, "--size", "120");
        Assert.Equal(0, exit);
        Assert.Contains("wrote", output, StringComparison.Ordinal);

        // Where the square lies does not depend on the titles or the legend.
        var painted = MaskPainter.Paint(Model(shard, 120).Picture);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(painted.Height, bitmap.Height);
        var (x0, y0) = (painted.DataLeft, painted.DataTop);
        Assert.Equal(Color(MaskPalette.Document(4)), Pixel(bitmap, x0 + 15, y0 + 15));
        Assert.Equal(Color(MaskPalette.Document(5)), Pixel(bitmap, x0 + 65, y0 + 65));
        Assert.Equal(Color(MaskPalette.CrossDocument), Pixel(bitmap, x0 + 65, y0 + 15));
        Assert.Equal(Color(MaskPalette.Eod), Pixel(bitmap, x0 + 45, y0 + 15));
        Assert.Equal(Color(MaskPalette.Document(7)), Pixel(bitmap, x0 + 105, y0 + 105));
        Assert.Equal(SKColors.White, Pixel(bitmap, 1, bitmap.Height - 1));
    }

    [Fact]
    public async Task A_strip_shows_each_record_as_a_row_with_its_boundaries()
    {
        var split = Path.Combine(_temp.Path, "train");
        await InspectionFixture.PackAsync(split);
        var png = _temp.File("strip.png");
        var (exit, _, _) = await InspectionFixture.RunAsync("mask", split, "--png", png, "--width", "1000", "--count", "10");
        Assert.Equal(0, exit);

        var target = InspectionTargets.ResolveOne(split);
        using var reader = ShardReader.Open(target.Shards[0]);
        var records = new List<(string Label, ShardRecord Record)>();
        foreach (var path in target.Shards)
        {
            using var r = ShardReader.Open(path);
            for (var i = 0; i < r.RecordCount && records.Count < 10; i++)
                records.Add((records.Count.ToString(), r.ReadRecord(i)));
        }

        var painted = MaskPainter.Paint(MaskModel.Strip(reader.Header, records, target.Name, 1000, DocumentCatalog.Read(target.DocumentsPath!)));
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(painted.Png, File.ReadAllBytes(png));

        // Row 1: 1000 tokens on 1000 px. Its first segment's colour at the left, a boundary at each later segment's start.
        var record = reader.ReadRecord(1);
        var y = painted.DataTop + painted.RowPitch + (painted.RowHeight / 2);
        Assert.Equal(Color(MaskPalette.Document(record.Segments[0].Doc)), Pixel(bitmap, painted.DataLeft + 1, y));
        for (var k = 1; k < record.SegmentCount; k++)
        {
            Assert.Equal(Color(MaskPalette.Boundary), Pixel(bitmap, painted.DataLeft + record.CuSeqlens[k], y));
            Assert.Equal(Color(MaskPalette.Document(record.Segments[k].Doc)), Pixel(bitmap, painted.DataLeft + record.CuSeqlens[k] + 1, y));
        }

        // The white gap between rows.
        Assert.Equal(SKColors.White, Pixel(bitmap, painted.DataLeft + 10, painted.DataTop + painted.RowHeight));
    }

    [Fact]
    public async Task Bad_arguments_exit_2()
    {
        var shard = Shard(SequenceLayout.Adaptive);
        var (exit, _, error) = await InspectionFixture.RunAsync("mask", shard, "--record", "3", "--png", _temp.File("x.png"));
        Assert.Equal(2, exit);
        Assert.Contains("there is no record 3", error, StringComparison.Ordinal);
        (exit, _, _) = await InspectionFixture.RunAsync("mask", shard, "--record", "0");
        Assert.Equal(2, exit);
    }
}
