using System.CommandLine;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Cli.Inspection;

/// <summary>
/// <c>mask PATH --record N --png FILE</c>: a picture of the record's attention layout; without --record,
/// a strip of records (one row each) showing where segments begin.
/// </summary>
internal static class MaskCommand
{
    public static Command Create(CommandIO? io = null)
    {
        var path = new Argument<string>("PATH") { Description = "A shard (.ulds; records count in the shard) or a split folder (records count in the split)." };
        var record = new Option<long?>("--record", "-r") { Description = "The record to draw; without it, a strip of records." };
        var png = new Option<string>("--png") { Description = "The PNG file to write.", Required = true };
        var size = new Option<int>("--size") { Description = "Side of the attention square in pixels (the record is downsampled to it).", DefaultValueFactory = _ => 640 };
        var from = new Option<long>("--from") { Description = "Strip: the first record.", DefaultValueFactory = _ => 0 };
        var count = new Option<int>("--count") { Description = "Strip: how many records.", DefaultValueFactory = _ => 64 };
        var width = new Option<int>("--width") { Description = "Strip: pixels for one record's tokens.", DefaultValueFactory = _ => 1024 };
        var command = new Command("mask", "Draw a record's attention layout (block-diagonal for adaptive, full with EOD marks for eod/direct) or a strip of records, as PNG.")
        {
            path, record, png, size, from, count, width,
        };
        command.SetAction((parse, _) => Task.FromResult(Run(
            parse.GetValue(path)!,
            parse.GetValue(record),
            parse.GetValue(png)!,
            parse.GetValue(size),
            parse.GetValue(from),
            parse.GetValue(count),
            parse.GetValue(width),
            io ?? CommandIO.Standard)));
        return command;
    }

    public static int Run(string path, long? record, string png, int size, long from, int count, int width, CommandIO io)
    {
        try
        {
            if (size is < 64 or > 4096)
                throw new InspectionInputException($"--size must be 64..4096 pixels, not {size}.");
            if (width is < 64 or > 8192)
                throw new InspectionInputException($"--width must be 64..8192 pixels, not {width}.");
            if (count is < 1 or > 4096)
                throw new InspectionInputException($"--count must be 1..4096 records, not {count}.");
            if (record < 0)
                throw new InspectionInputException($"--record must be 0 or more, not {record}.");
            if (InspectionTargets.ResolveMegatron(path) is not null)
                throw new InspectionInputException($"{path}: Megatron .bin/.idx output holds one sequence per document, no records or segment tables to draw; use inspect or verify.");
            var target = InspectionTargets.ResolveOne(path);
            var documents = target.DocumentsPath is { } table ? DocumentCatalog.Read(table) : null;
            PaintedImage image;
            string what;
            if (record is long n)
            {
                var (shard, index, _) = RecordInspector.Locate(target, n);
                using var reader = ShardReader.Open(shard);
                var picture = MaskModel.Record(reader.Header, reader.ReadRecord(index), Path.GetFileName(shard), size, documents);
                image = MaskPainter.Paint(picture);
                what = $"record {n}: {picture.Matrix.Width} px square, 1 px = {picture.TokensPerPixel:0.##} tokens";
            }
            else
            {
                var (header, records) = ReadStrip(target, from, count);
                var picture = MaskModel.Strip(header, records, target.Name, width, documents);
                image = MaskPainter.Paint(picture);
                what = $"records {records[0].Label}..{records[^1].Label}, 1 px = {picture.TokensPerPixel:0.##} tokens";
            }

            if (Path.GetDirectoryName(Path.GetFullPath(png)) is { } folder)
                Directory.CreateDirectory(folder);
            File.WriteAllBytes(png, image.Png);
            io.Out.WriteLine($"wrote {png} ({image.Width} x {image.Height} px, {InspectCommand.Bytes(image.Png.Length)}): {what}");
            if (!image.HasText)
                io.Error.WriteLine("mask: warning: no font was found on this machine, so the picture has no text (install a TrueType font such as fonts-dejavu-core).");
            return ExitCodes.Success;
        }
        catch (InspectionInputException e)
        {
            io.Error.WriteLine($"mask: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (ShardFormatException e)
        {
            io.Error.WriteLine($"mask: {e.Message}");
            return ExitCodes.Problems;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"mask: cannot write {png}: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>Reads records [from, from + count) of the target (as far as it goes), in order.</summary>
    private static (ShardHeader Header, List<(string Label, ShardRecord Record)> Records) ReadStrip(InspectionTarget target, long from, int count)
    {
        if (from < 0)
            throw new InspectionInputException($"--from must be 0 or more, not {from}.");
        var records = new List<(string, ShardRecord)>();
        ShardHeader? header = null;
        long first = 0;
        foreach (var path in target.Shards)
        {
            using var reader = ShardReader.Open(path);
            header ??= reader.Header;
            for (var i = 0; i < reader.RecordCount && records.Count < count; i++)
            {
                if (first + i >= from)
                    records.Add(((first + i).ToString(), reader.ReadRecord(i)));
            }

            first += reader.RecordCount;
            if (records.Count >= count)
                break;
        }

        if (records.Count == 0)
            throw new InspectionInputException($"{target.Name} holds {first} records; --from {from} is past the end.");
        return (header!, records);
    }
}
