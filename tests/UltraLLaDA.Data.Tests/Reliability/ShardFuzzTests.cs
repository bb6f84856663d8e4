using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Hashing;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Packing;
using UltraLLaDA.Data.Tests.Shards;
using UltraLLaDA.Data.Tests.Support;
using Xunit.Abstractions;

namespace UltraLLaDA.Data.Tests.Reliability;

/// <summary>
/// Issue 7, item 3: thousands of damaged copies of valid shards. For every one the reader either
/// throws its one exception type naming the file (and the record, where one is at fault) or returns
/// exactly the records that were written. Anything else (another exception, a hang, different data
/// without an error) fails with the seed and the mutation.
/// </summary>
public class ShardFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Mutations = 4000;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private sealed record Original(string Name, byte[] Bytes, ShardHeader Header, List<RecordCopy> Records, long IndexOffset, int DataStart);

    private enum Outcome
    {
        Rejected,
        SameRecords,
        SameRecordsHeaderChanged,
    }

    [Fact]
    public async Task Damaged_shards_are_rejected_naming_file_and_record_or_read_back_exactly()
    {
        // On a worker thread with a deadline, so a read that hangs fails the test instead of stalling the suite.
        var current = -1;
        var run = Task.Run(() => Fuzz(seed => Volatile.Write(ref current, seed)));
        try
        {
            await run.WaitAsync(TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the fuzz loop did not finish in 120 s: stuck at seed {Volatile.Read(ref current)}");
        }
    }

    private void Fuzz(Action<int> starting)
    {
        var originals = new[]
        {
            Build("eod-pad", SequenceLayout.Eod, TailPolicy.Pad, bos: false, [10, 150, 1, 64, 0, 40]),
            Build("adaptive-keep", SequenceLayout.Adaptive, TailPolicy.Keep, bos: true, [70, 3, 200, 5]),
            Build("direct-drop", SequenceLayout.Direct, TailPolicy.Drop, bos: false, [64, 64, 65, 20, 130]),
        };
        var path = _temp.File("fuzz.ulds");
        var counts = new Dictionary<string, int>();
        var stopwatch = Stopwatch.StartNew();
        for (var seed = 0; seed < Mutations; seed++)
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"the fuzz loop ran over 60 s (at seed {seed}): a read is hanging or far too slow");
            starting(seed);
            var random = new Random(seed);
            var original = originals[seed % originals.Length];
            var (bytes, what, expected) = Mutate(original, random);
            File.WriteAllBytes(path, bytes);
            var outcome = Check(path, original, expected, $"seed {seed}, {original.Name}: {what}");
            var key = $"{what.Split(' ')[0]} -> {outcome}";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        foreach (var (key, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
            output.WriteLine($"{key}: {count}");

        // The mutations must mostly be caught, not mostly harmless: the fuzzer would be testing nothing.
        var rejected = counts.Where(c => c.Key.EndsWith(nameof(Outcome.Rejected), StringComparison.Ordinal)).Sum(c => c.Value);
        Assert.True(rejected > Mutations * 8 / 10, string.Join("\n", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}")));
    }

    [Fact]
    public void Swapped_records_with_a_consistent_index_read_as_the_swapped_records()
    {
        // The format cannot tell records' order by itself: a self-consistent swap reads without error,
        // and returns exactly the swapped records (verify catches it against documents.jsonl).
        var original = Build("eod-pad", SequenceLayout.Eod, TailPolicy.Pad, bos: false, [10, 150, 1, 64, 0, 40]);
        var (bytes, expected) = Swap(original, 0, 1, relayIndex: true);
        var path = _temp.Write("swapped.ulds", bytes);
        Assert.Equal(Outcome.SameRecords, Check(path, original, expected, "swap 0 and 1"));
    }

    [Fact]
    public void A_header_with_invalid_utf8_in_a_string_is_a_shard_format_error()
    {
        // Found by the fuzzer: the JSON reader threw InvalidOperationException when it read the string.
        var original = Build("eod-pad", SequenceLayout.Eod, TailPolicy.Pad, bos: false, [10, 150, 1, 64, 0, 40]);
        var bytes = (byte[])original.Bytes.Clone();
        bytes[bytes.AsSpan().IndexOf("test-vocab"u8) + 2] = 0xEF;
        var path = _temp.Write("bad-header.ulds", bytes);
        var error = Assert.Throws<ShardFormatException>(() => ShardReader.Open(path));
        Assert.Equal($"{path}: header is not valid UTF-8", error.Message);
    }

    private static Original Build(string name, SequenceLayout layout, TailPolicy tail, bool bos, int[] lengths)
    {
        var random = new Random(name.Length);
        var options = new PackingOptions { SeqLen = 64, Layout = layout, Tail = tail, EodId = PackingCase.Eod, PadId = PackingCase.Pad, BosId = bos ? PackingCase.Bos : null };
        var c = new PackingCase(options, [.. lengths.Select(n => Enumerable.Range(0, n).Select(_ => (uint)random.Next(10, PackingCase.Vocab)).ToArray())]);
        var records = c.Pack();
        Assert.True(records.Count >= 4, $"{name}: {records.Count} records");
        var bytes = ShardTestData.Write(c, records);
        var indexOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - ShardFormat.FooterSize));
        var dataStart = ShardFormat.PreambleSize + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        return new Original(name, bytes, ShardTestData.Header(options), records, indexOffset, dataStart);
    }

    /// <summary>Opens and reads every record; returns how it ended, failing the test on any outcome the reader must not have.</summary>
    private static Outcome Check(string path, Original original, List<RecordCopy> expected, string what)
    {
        try
        {
            using var reader = ShardReader.Open(path);
            var read = new List<RecordCopy>();
            for (var i = 0; i < reader.RecordCount; i++)
            {
                var r = reader.ReadRecord(i);
                read.Add(new RecordCopy(i, r.Tokens.ToArray(), r.SegmentIds.ToArray(), r.Segments.ToArray(), r.IsPadded, default));
            }

            Assert.True(read.Count == expected.Count, $"{what}: read {read.Count} records without an error, {expected.Count} were written");
            for (var i = 0; i < read.Count; i++)
            {
                var (a, b) = (expected[i], read[i]);
                var same = a.Tokens.AsSpan().SequenceEqual(b.Tokens) && a.SegmentIds.AsSpan().SequenceEqual(b.SegmentIds)
                    && a.Segments.AsSpan().SequenceEqual(b.Segments) && a.IsPadded == b.IsPadded;
                Assert.True(same, $"{what}: record {i} reads without an error but differs from what was written");
            }

            // The header carries no hash of its own (ULDS v1): a damaged value that still parses is
            // caught by verify (file SHA-256 and header against the manifest), not by the reader.
            return reader.Header == original.Header ? Outcome.SameRecords : Outcome.SameRecordsHeaderChanged;
        }
        catch (ShardFormatException e)
        {
            Assert.True(e.FilePath == path && e.Message.StartsWith(path + ": ", StringComparison.Ordinal), $"{what}: the error does not name the file: {e.Message}");
            if (e.Record is long record)
                Assert.Contains($": record {record}: ", e.Message, StringComparison.Ordinal);
            return Outcome.Rejected;
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: the reader threw {e.GetType().Name} instead of ShardFormatException: {e}");
            throw;
        }
    }

    private static (byte[] Bytes, string What, List<RecordCopy> Expected) Mutate(Original o, Random random)
    {
        var bytes = (byte[])o.Bytes.Clone();
        var records = o.Records;
        switch (random.Next(9))
        {
            case 0:
                {
                    var flips = random.Next(1, 4);
                    var at = new List<int>();
                    for (var f = 0; f < flips; f++)
                    {
                        var offset = random.Next(bytes.Length);
                        bytes[offset] ^= (byte)(1 << random.Next(8));
                        at.Add(offset);
                    }

                    return (bytes, $"bitflip at {string.Join(",", at)}", records);
                }

            case 1:
                {
                    var length = random.Next(bytes.Length);
                    return (bytes[..length], $"truncate to {length} of {bytes.Length}", records);
                }

            case 2:
                {
                    var length = random.Next(1, 65);
                    var offset = random.Next(bytes.Length - length);
                    random.NextBytes(bytes.AsSpan(offset, length));
                    return (bytes, $"garbage {length} bytes at {offset}", records);
                }

            case 3:
                {
                    var length = random.Next(1, 200);
                    var offset = random.Next(bytes.Length + 1);
                    var garbage = new byte[length];
                    random.NextBytes(garbage);
                    return ([.. bytes[..offset], .. garbage, .. bytes[offset..]], $"insert {length} random bytes at {offset}", records);
                }

            case 4:
                {
                    var (i, j) = TwoRecords(o, random);
                    var (swapped, _) = Swap(o, i, j, relayIndex: false);
                    return (swapped, $"swap-frames {i} and {j}, index left as is", records);
                }

            case 5:
                {
                    var (i, j) = TwoRecords(o, random);
                    var (swapped, expected) = Swap(o, i, j, relayIndex: true);
                    return (swapped, $"swap-records {i} and {j} with a consistent index", expected);
                }

            case 6:
                {
                    // A lying index: one field of one entry rewritten, the index hash recomputed to match.
                    var count = records.Count;
                    var entry = random.Next(count);
                    var field = random.Next(6);
                    var (at, size) = field switch { 0 => (0, 8), 1 => (8, 4), 2 => (12, 4), 3 => (16, 4), 4 => (20, 4), _ => (24, 8) };
                    var span = bytes.AsSpan((int)o.IndexOffset + (entry * ShardFormat.IndexEntrySize) + at, size);
                    var value = random.Next(3) switch
                    {
                        0 => (ulong)random.NextInt64(),
                        1 => size == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(span) + (ulong)random.Next(-3, 4) : BinaryPrimitives.ReadUInt32LittleEndian(span) + (ulong)random.Next(-3, 4),
                        _ => random.Next(2) == 0 ? 0UL : ulong.MaxValue,
                    };
                    if (size == 8)
                        BinaryPrimitives.WriteUInt64LittleEndian(span, value);
                    else
                        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value);
                    Rehash(bytes, o.IndexOffset);
                    return (bytes, $"lying-index entry {entry} field {field} = {value}, index hash recomputed", records);
                }

            case 7:
                {
                    // A lying footer: index offset or record count rewritten (the index hash still matches the index).
                    var field = random.Next(2);
                    var span = bytes.AsSpan(bytes.Length - ShardFormat.FooterSize + (8 * field), 8);
                    var value = random.Next(2) == 0 ? (ulong)random.NextInt64() : BinaryPrimitives.ReadUInt64LittleEndian(span) + (ulong)random.Next(-40, 41);
                    BinaryPrimitives.WriteUInt64LittleEndian(span, value);
                    return (bytes, $"lying-footer field {field} = {value}", records);
                }

            default:
                {
                    // A lying preamble: header length rewritten.
                    var value = random.Next(2) == 0 ? (uint)random.Next() : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12)) + (uint)random.Next(-5, 6);
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), value);
                    return (bytes, $"lying-header-length {value}", records);
                }
        }
    }

    private static (int, int) TwoRecords(Original o, Random random)
    {
        var i = random.Next(o.Records.Count);
        var j = (i + random.Next(1, o.Records.Count)) % o.Records.Count;
        return (Math.Min(i, j), Math.Max(i, j));
    }

    /// <summary>
    /// Rewrites the shard with records <paramref name="i"/> and <paramref name="j"/> swapped: frames moved,
    /// and either the index left as it was, or (<paramref name="relayIndex"/>) its entries swapped with
    /// offsets laid out again and the hash recomputed, a self-consistent file.
    /// </summary>
    private static (byte[] Bytes, List<RecordCopy> Expected) Swap(Original o, int i, int j, bool relayIndex)
    {
        var count = o.Records.Count;
        var entries = Enumerable.Range(0, count).Select(k => o.Bytes.AsSpan((int)o.IndexOffset + (k * ShardFormat.IndexEntrySize), ShardFormat.IndexEntrySize).ToArray()).ToArray();
        var frames = entries.Select(e => o.Bytes.AsSpan((int)BinaryPrimitives.ReadUInt64LittleEndian(e), (int)BinaryPrimitives.ReadUInt32LittleEndian(e.AsSpan(8))).ToArray()).ToArray();
        (frames[i], frames[j]) = (frames[j], frames[i]);
        var expected = o.Records.ToList();
        if (relayIndex)
        {
            (entries[i], entries[j]) = (entries[j], entries[i]);
            (expected[i], expected[j]) = (expected[j], expected[i]);
        }

        var file = new List<byte>(o.Bytes.AsSpan(0, o.DataStart).ToArray());
        for (var k = 0; k < count; k++)
        {
            if (relayIndex)
                BinaryPrimitives.WriteUInt64LittleEndian(entries[k], (ulong)file.Count);
            file.AddRange(frames[k]);
        }

        var indexOffset = file.Count;
        var index = entries.SelectMany(e => e).ToArray();
        file.AddRange(index);
        var footer = o.Bytes.AsSpan(o.Bytes.Length - ShardFormat.FooterSize).ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(footer, (ulong)indexOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(footer.AsSpan(16), XxHash64.HashToUInt64(index));
        file.AddRange(footer);
        return ([.. file], expected);
    }

    private static void Rehash(byte[] bytes, long indexOffset)
    {
        var index = bytes.AsSpan((int)indexOffset, bytes.Length - ShardFormat.FooterSize - (int)indexOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - ShardFormat.FooterSize + 16), XxHash64.HashToUInt64(index));
    }
}
