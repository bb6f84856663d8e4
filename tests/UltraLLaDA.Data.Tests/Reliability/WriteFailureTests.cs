using System.Text.Json;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Pipeline;
using UltraLLaDA.Data.Tests.Support;

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

    [Fact]
    public async Task A_write_failure_mid_shard_stops_the_job_leaving_only_whole_shards_and_resume_gives_identical_bytes()
    {
        using var temp = new TempDirectory();
        var reference = Path.Combine(temp.Path, "reference");
        await _corpus.RunAsync(_corpus.Settings(reference));
        var expected = PipelineTestCorpus.Snapshot(reference);
        var shardBytes = expected.Where(f => f.Key.EndsWith(".ulds", StringComparison.Ordinal)).Sum(f => (long)f.Value.Length);
        Assert.True(expected.Count(f => f.Key.EndsWith(".ulds", StringComparison.Ordinal)) >= 5);

        var random = new Random(11);
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var folder = Path.Combine(temp.Path, $"failing-{attempt}");
            var limit = attempt == 0 ? 10 : random.NextInt64(shardBytes);
            var failing = new FailAfter(limit);
            ShardWriter.WrapPartialFile.Value = failing.Wrap;
            IOException error;
            try
            {
                error = await Assert.ThrowsAsync<IOException>(() => _corpus.RunAsync(_corpus.Settings(folder)));
            }
            finally
            {
                ShardWriter.WrapPartialFile.Value = null;
            }

            Assert.Equal($"No space left on device : '{failing.FailedPath}'", error.Message);
            Assert.EndsWith(".ulds.partial", failing.FailedPath, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(folder, "*.ulds.partial"));
            foreach (var shard in Directory.GetFiles(folder, "*.ulds"))
            {
                Assert.Equal(expected[Path.GetFileName(shard)], File.ReadAllBytes(shard));
                using var reader = ShardReader.Open(shard);
                for (var i = 0; i < reader.RecordCount; i++)
                    reader.ReadRecord(i);
            }

            var manifestPath = Path.Combine(folder, "manifest.json");
            if (File.Exists(manifestPath))
            {
                var manifest = ManifestFile.Read(manifestPath);
                Assert.False(manifest.Complete);
                Assert.Equal(
                    Directory.GetFiles(folder, "*.ulds").Select(Path.GetFileName).Order(StringComparer.Ordinal),
                    manifest.Shards.Select(s => s.File).Order(StringComparer.Ordinal));
            }

            var resumed = await _corpus.RunAsync(_corpus.Settings(folder, resume: true));
            var actual = PipelineTestCorpus.Snapshot(folder);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var name in expected.Keys.Where(n => n != "manifest.json"))
                Assert.True(expected[name].AsSpan().SequenceEqual(actual[name]), $"{name} differs after resume (writes failed after {limit} bytes)");
            Assert.Equal(
                JsonSerializer.Serialize(ManifestFile.Read(Path.Combine(reference, "manifest.json")) with { Input = null }),
                JsonSerializer.Serialize(resumed.Manifest with { Input = null }));
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
