using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Formats.Megatron;

/// <summary>The writer never leaves a file that looks whole before it is.</summary>
public class MegatronWriterTests
{
    [Fact]
    public void Until_complete_only_partial_files_exist_and_an_abandoned_writer_leaves_nothing()
    {
        using var temp = new TempDirectory();
        using (var writer = MegatronWriter.Create(temp.File("job"), MegatronDType.UInt16))
        {
            writer.AddDocument([1, 2, 3]);
            Assert.Equal(["job.bin.partial"], Names(temp));
            Assert.Equal(1, writer.DocumentCount);
            Assert.Equal(3, writer.TokenCount);
        }

        Assert.Empty(Names(temp));
    }

    [Fact]
    public void Completing_renames_both_files_and_replaces_stale_partials_and_an_older_pair()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("job.bin.partial"), "stale");
        File.WriteAllText(temp.File("job.idx.partial"), "stale");
        MegatronTestData.Write(temp.File("job"), MegatronDType.UInt16, [[9, 9, 9, 9]]);
        var summary = MegatronTestData.Write(temp.File("job"), MegatronDType.UInt16, [[1, 2]]);

        Assert.Equal(["job.bin", "job.idx"], Names(temp));
        using var dataset = MegatronDataset.Open(summary.Prefix);
        Assert.Equal([1u, 2], dataset.Read(0));
        Assert.Equal(1, dataset.Count);
    }

    [Fact]
    public void An_id_too_large_for_the_dtype_is_refused_naming_the_document_and_token_and_nothing_is_completed()
    {
        using var temp = new TempDirectory();
        using (var writer = MegatronWriter.Create(temp.File("job"), MegatronDType.UInt16))
        {
            writer.AddDocument([1]);
            var e = Assert.Throws<ArgumentException>(() => writer.AddDocument([4, 5, 65_536]));
            Assert.StartsWith("document 1, token 2: id 65536 does not fit the uint16 token type (at most 65535).", e.Message, StringComparison.Ordinal);
            Assert.Throws<InvalidOperationException>(() => writer.Complete());
        }

        Assert.Empty(Names(temp));
    }

    [Fact]
    public void Only_the_token_dtypes_megatron_writes_are_accepted()
    {
        using var temp = new TempDirectory();
        Assert.Throws<ArgumentException>(() => MegatronWriter.Create(temp.File("job"), MegatronDType.Float32));
        Assert.Throws<ArgumentException>(() => MegatronWriter.Create(temp.File("job"), MegatronDType.Int64));
        Assert.Empty(Names(temp));
    }

    [Fact]
    public void A_write_failure_leaves_no_file_behind()
    {
        using var temp = new TempDirectory();
        MegatronWriter.WrapPartialFile.Value = (_, stream) => new FailingAfter(stream, 100);
        try
        {
            using (var writer = MegatronWriter.Create(temp.File("job"), MegatronDType.Int32))
            {
                Assert.Throws<IOException>(() => writer.AddDocument(new uint[100_000]));
            }

            Assert.Empty(Names(temp));
        }
        finally
        {
            MegatronWriter.WrapPartialFile.Value = null;
        }
    }

    [Fact]
    public void A_pair_whose_last_flush_fails_leaves_no_file_behind()
    {
        // On a full disk the buffered bytes fail again when the abandoned writer closes the file: the
        // partial files must still be deleted, not left taking up the space.
        using var temp = new TempDirectory();
        MegatronWriter.WrapPartialFile.Value = (_, inner) => new FlushFails(inner);
        try
        {
            using (var writer = MegatronWriter.Create(temp.File("job"), MegatronDType.UInt16))
            {
                writer.AddDocument([1, 2, 3]);
                Assert.Throws<IOException>(() => writer.Complete());
            }

            Assert.Empty(Names(temp));
        }
        finally
        {
            MegatronWriter.WrapPartialFile.Value = null;
        }
    }

    private static string[] Names(TempDirectory temp) =>
        Directory.GetFiles(temp.Path).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();

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

    /// <summary>A stream that fails every write once <paramref name="limit"/> bytes have been written, as a full disk does.</summary>
    private sealed class FailingAfter(Stream inner, long limit) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > limit)
                throw new IOException("No space left on device");
            _written += buffer.Length;
            inner.Write(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
