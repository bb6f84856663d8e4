using System.Text.Json;
using UltraLLaDA.Data.Formats;
using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Tests.Pipeline;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Reliability;

/// <summary>
/// Issue 7, item 2, without a real full disk: shard writes fail as on one ("No space left on device")
/// after a chosen number of bytes. The job stops with that error naming the file, no partial shard
/// is left, every final-named shard is whole, the manifest lists only those, and resuming once the
/// writes work again gives the bytes of an undisturbed run. (FullDiskTests does the same on a real tmpfs where it can mount one.)
/// </summary>
public sealed class WriteFailureTests
{
    private readonly PipelineTestCorpus _corpus = new(300, seed: 4);

    /// <summary>The output formats: the failure rules hold whatever files a shard is.</summary>
    public static TheoryData<string> Formats => new() { "ulds", "megatron" };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_write_failure_mid_shard_stops_the_job_leaving_only_whole_shards_and_resume_gives_identical_bytes(string format)
    {
        using var temp = new TempDirectory();
        var shardFormat = ShardFormats.Get(format);
        PackJobSettings Settings(string folder, bool resume = false) =>
            _corpus.Settings(folder, resume: resume) with { Names = new OutputNames("train") { Format = shardFormat } };
        bool IsShardFile(string name) => shardFormat.Extensions.Any(e => name.EndsWith(e, StringComparison.Ordinal));

        var reference = Path.Combine(temp.Path, "reference");
        await _corpus.RunAsync(Settings(reference));
        var expected = PipelineTestCorpus.Snapshot(reference);
        var shardBytes = expected.Where(f => IsShardFile(f.Key)).Sum(f => (long)f.Value.Length);
        Assert.True(expected.Count(f => f.Key.EndsWith(shardFormat.Extensions[0], StringComparison.Ordinal)) >= 5);

        var random = new Random(11);
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var folder = Path.Combine(temp.Path, $"failing-{attempt}");
            var limit = attempt == 0 ? 10 : random.NextInt64(shardBytes);
            var failing = new FailAfter(limit);
            ShardWriter.WrapPartialFile.Value = failing.Wrap;
            MegatronWriter.WrapPartialFile.Value = failing.Wrap;
            IOException error;
            try
            {
                error = await Assert.ThrowsAsync<IOException>(() => _corpus.RunAsync(Settings(folder)));
            }
            finally
            {
                ShardWriter.WrapPartialFile.Value = null;
                MegatronWriter.WrapPartialFile.Value = null;
            }

            Assert.Equal($"No space left on device : '{failing.FailedPath}'", error.Message);
            Assert.Contains(shardFormat.Extensions, e => failing.FailedPath!.EndsWith(e + shardFormat.PartialSuffix, StringComparison.Ordinal));
            Assert.DoesNotContain(Directory.GetFiles(folder), f => shardFormat.Extensions.Any(e => f.EndsWith(e + shardFormat.PartialSuffix, StringComparison.Ordinal)));
            foreach (var shard in Directory.GetFiles(folder).Where(f => IsShardFile(Path.GetFileName(f))))
                Assert.Equal(expected[Path.GetFileName(shard)], File.ReadAllBytes(shard));
            AssertWhole(folder, format);

            var manifestPath = Path.Combine(folder, "manifest.json");
            if (File.Exists(manifestPath))
            {
                var manifest = ManifestFile.Read(manifestPath);
                Assert.False(manifest.Complete);
                // The files under final names are exactly the listed shards' (a Megatron .bin whose .idx never came is the one being written).
                var listed = manifest.Shards.SelectMany(s => s.AllFiles).Select(f => f.File).Order(StringComparer.Ordinal).ToArray();
                var present = Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => IsShardFile(n!)).Order(StringComparer.Ordinal).ToArray();
                Assert.True(listed.SequenceEqual(present) || (format == "megatron" && present.Except(listed).Count() == 1 && present.Except(listed).Single()!.EndsWith(".bin", StringComparison.Ordinal)), $"listed {string.Join(", ", listed)}; present {string.Join(", ", present)}");
            }

            var resumed = await _corpus.RunAsync(Settings(folder, resume: true));
            var actual = PipelineTestCorpus.Snapshot(folder);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var name in expected.Keys.Where(n => n is not "manifest.json" and not MegatronDataPath.FileName))
                Assert.True(expected[name].AsSpan().SequenceEqual(actual[name]), $"{name} differs after resume (writes failed after {limit} bytes)");
            Assert.Equal(
                JsonSerializer.Serialize(ManifestFile.Read(Path.Combine(reference, "manifest.json")) with { Input = null, DataPath = null }),
                JsonSerializer.Serialize(resumed.Manifest with { Input = null, DataPath = null }));
        }
    }

    /// <summary>Every shard under a final name reads whole: a ULDS shard record by record, a Megatron pair sequence by sequence.</summary>
    private static void AssertWhole(string folder, string format)
    {
        if (format == "megatron")
        {
            foreach (var idx in Directory.GetFiles(folder, "*.idx"))
            {
                using var dataset = MegatronDataset.Open(idx[..^".idx".Length]);
                for (var i = 0; i < dataset.Count; i++)
                    dataset.Read(i);
            }

            return;
        }

        foreach (var shard in Directory.GetFiles(folder, "*.ulds"))
        {
            using var reader = ShardReader.Open(shard);
            for (var i = 0; i < reader.RecordCount; i++)
                reader.ReadRecord(i);
        }
    }

    [Fact]
    public void A_shard_whose_last_flush_fails_is_deleted_not_left_as_a_partial_file()
    {
        // Regression: on a full disk the buffered bytes fail again when the abandoned writer closes the
        // file, which used to skip the deletion and leave name.ulds.partial taking up the space.
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "s-00000.ulds");
        ShardWriter.WrapPartialFile.Value = (_, inner) => new FlushFails(inner);
        ShardWriter writer;
        try
        {
            writer = ShardWriter.Create(path, Shards.ShardTestData.Header(new PackingOptions { SeqLen = 4, EodId = 1, PadId = 2 }));
        }
        finally
        {
            ShardWriter.WrapPartialFile.Value = null;
        }

        writer.Write([10, 11, 12, 13], [1, 1, 1, 1], [new Segment(0, 0, 4)], padded: false);
        Assert.Throws<IOException>(() => writer.Complete());
        writer.Dispose();
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    /// <summary>A stream whose every flush (and so its close) fails like a full disk.</summary>
    private sealed class FlushFails(Stream inner) : MemoryStream
    {
        public override void Flush() => throw new IOException("No space left on device");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
            throw new IOException("No space left on device");
        }
    }

    /// <summary>Lets <c>limit</c> bytes through across all the shards of a job, then fails every write like a full disk.</summary>
    private sealed class FailAfter(long limit)
    {
        private readonly long _limit = limit;
        private long _written;

        public string? FailedPath { get; private set; }

        public Stream Wrap(string path, Stream inner) => new Failing(this, path, inner);

        private sealed class Failing(FailAfter owner, string path, Stream inner) : Stream
        {
            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => inner.Length;

            public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

            public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                if (owner._written + buffer.Length > owner._limit)
                {
                    owner.FailedPath ??= path;
                    throw new IOException($"No space left on device : '{path}'");
                }

                owner._written += buffer.Length;
                inner.Write(buffer);
            }

            public override void Flush() => inner.Flush();

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                    inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
