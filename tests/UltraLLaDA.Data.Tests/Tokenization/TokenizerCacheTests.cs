using System.Buffers.Binary;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Data.Tokenization.Caching;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>
/// The compiled-tokenizer cache: a hit gives exactly the ids of a load from the source, and an
/// entry that is damaged, truncated, for another file or build, or in another format version is
/// never used: the load compiles from the source and writes the entry again.
/// </summary>
public sealed class TokenizerCacheTests
{
    private const string Text = "Hello, World! It's 2024: naïve café, 東京, emoji \U0001F600 and    spaces.\r\n\tTabs; 'quotes' don't 123456.";

    [Fact]
    public void A_cache_hit_gives_the_same_tokenizer_as_the_source()
    {
        using var tokenizer = new TinyTokenizerFolder();
        using var folder = new TempDirectory();
        var cache = new TokenizerCache(folder.Path, minimumSourceBytes: 0);

        var cold = TokenizerLoader.Load(tokenizer.Path, null, cache);
        Assert.Equal(CacheLookup.Missing, cache.LastLookup);
        var entry = Assert.Single(Directory.GetFiles(folder.Path));
        Assert.Equal($"{cold.Info.Sha256}.bpe", Path.GetFileName(entry));

        var warm = TokenizerLoader.Load(tokenizer.Path, null, cache);
        Assert.Equal(CacheLookup.Hit, cache.LastLookup);
        AssertSame(TokenizerLoader.Load(tokenizer.Path, null, TokenizerCache.Disabled), warm);
        AssertSame(cold, warm);
    }

    [RequiresTokenizerFact("llama3", "gpt4o")]
    public void Real_tokenizers_encode_the_same_ids_from_the_cache()
    {
        using var folder = new TempDirectory();
        var cache = new TokenizerCache(folder.Path);
        foreach (var name in (string[])["llama3", "gpt4o"])
        {
            var path = TestPaths.TokenizerJson(name);
            var source = TokenizerLoader.Load(path, null, TokenizerCache.Disabled);
            TokenizerLoader.Load(path, null, cache);
            Assert.Equal(CacheLookup.Missing, cache.LastLookup);
            var cached = TokenizerLoader.Load(path, null, cache);
            Assert.Equal(CacheLookup.Hit, cache.LastLookup);
            AssertSame(source, cached);
        }
    }

    [Fact]
    public void A_model_without_a_type_is_still_read_as_bpe_from_the_cache()
    {
        using var tokenizer = new TinyTokenizerFolder(json => json["model"]!.AsObject().Remove("type"));
        using var folder = new TempDirectory();
        var cache = new TokenizerCache(folder.Path, minimumSourceBytes: 0);
        var cold = TokenizerLoader.Load(tokenizer.Path, null, cache);
        var warm = TokenizerLoader.Load(tokenizer.Path, null, cache);
        Assert.Equal(CacheLookup.Hit, cache.LastLookup);
        AssertSame(cold, warm);
    }

    public static TheoryData<string> Spoilers => ["flip-payload", "flip-checksum", "truncate", "append", "header-only", "empty", "other-version", "not-a-cache", "other-build", "other-source"];

    [Theory]
    [MemberData(nameof(Spoilers))]
    public void A_spoiled_entry_is_ignored_and_rebuilt(string spoiler)
    {
        using var tokenizer = new TinyTokenizerFolder();
        using var other = new TinyTokenizerFolder(json => json["model"]!["merges"]!.AsArray().RemoveAt(0));
        using var folder = new TempDirectory();
        var cache = new TokenizerCache(folder.Path, minimumSourceBytes: 0);
        var expected = TokenizerLoader.Load(tokenizer.Path, null, cache);
        var entry = cache.PathFor(expected.Info.Sha256)!;
        var good = File.ReadAllBytes(entry);

        var spoiled = Spoil(spoiler, good, other.Path, cache);
        File.WriteAllBytes(entry, spoiled);
        var loaded = TokenizerLoader.Load(tokenizer.Path, null, cache);

        Assert.Equal(Expected(spoiler), cache.LastLookup);
        AssertSame(expected, loaded);
        // Rebuilt: the entry is whole again and the next load takes it.
        Assert.Equal(good, File.ReadAllBytes(entry));
        TokenizerLoader.Load(tokenizer.Path, null, cache);
        Assert.Equal(CacheLookup.Hit, cache.LastLookup);
    }

    [Fact]
    public void A_leftover_temporary_file_is_never_read_as_an_entry()
    {
        using var tokenizer = new TinyTokenizerFolder();
        using var folder = new TempDirectory();
        var cache = new TokenizerCache(folder.Path, minimumSourceBytes: 0);
        var sha = TokenizerLoader.Load(tokenizer.Path, null, TokenizerCache.Disabled).Info.Sha256;
        // What a writer killed before its rename leaves behind.
        File.WriteAllBytes(Path.Combine(folder.Path, $"{sha}.bpe.123.abc.tmp"), [1, 2, 3]);

        TokenizerLoader.Load(tokenizer.Path, null, cache);

        Assert.Equal(CacheLookup.Missing, cache.LastLookup);
        Assert.True(File.Exists(cache.PathFor(sha)));
    }

    [Fact]
    public void A_temporary_file_a_killed_writer_left_is_swept_and_a_live_writers_is_not()
    {
        using var tokenizer = new TinyTokenizerFolder();
        using var folder = new TempDirectory();
        var cache = new TokenizerCache(folder.Path, minimumSourceBytes: 0);
        var sha = TokenizerLoader.Load(tokenizer.Path, null, TokenizerCache.Disabled).Info.Sha256;
        // No process has id int.MaxValue (Linux pid_max is at most 2^22): its writer is dead.
        var dead = Path.Combine(folder.Path, $"{sha}.bpe.{int.MaxValue}.{Guid.NewGuid():N}.tmp");
        var live = Path.Combine(folder.Path, $"{sha}.bpe.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var foreign = Path.Combine(folder.Path, "notes.tmp");
        File.WriteAllBytes(dead, [1, 2, 3]);
        File.WriteAllBytes(live, [4, 5, 6]);
        File.WriteAllBytes(foreign, [7]);

        TokenizerLoader.Load(tokenizer.Path, null, cache);

        Assert.False(File.Exists(dead), "a dead writer's temporary entry is deleted");
        Assert.True(File.Exists(live), "a running writer's temporary entry is left to it");
        Assert.True(File.Exists(foreign), "only the cache's own temporary names are swept");
        Assert.Equal(int.MaxValue, TokenizerCache.WriterOf(Path.GetFileName(dead)));
        Assert.Null(TokenizerCache.WriterOf("x.bpe.12a.b.tmp"));
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_written_does_not_stop_the_load()
    {
        using var tokenizer = new TinyTokenizerFolder();
        using var folder = new TempDirectory();
        // A file where the folder should be: creating it fails.
        var blocked = folder.Write("blocked", "not a folder");
        var cache = new TokenizerCache(blocked, minimumSourceBytes: 0);

        var loaded = TokenizerLoader.Load(tokenizer.Path, null, cache);

        AssertSame(TokenizerLoader.Load(tokenizer.Path, null, TokenizerCache.Disabled), loaded);
        Assert.True(File.Exists(blocked));
    }

    [Fact]
    public void Small_sources_and_a_disabled_cache_write_nothing()
    {
        using var tokenizer = new TinyTokenizerFolder();
        using var folder = new TempDirectory();
        TokenizerLoader.Load(tokenizer.Path, null, new TokenizerCache(folder.Path));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        Assert.Null(TokenizerCache.Disabled.Folder);
        TokenizerLoader.Load(tokenizer.Path, null, TokenizerCache.Disabled);
        Assert.Null(TokenizerCache.Disabled.LastLookup);
    }

    [Theory]
    [InlineData(null, null, "/home/u", "/home/u/.cache/ultrallada-data/tokenizers")]
    [InlineData(null, "/xdg", "/home/u", "/xdg/ultrallada-data/tokenizers")]
    [InlineData("/elsewhere", "/xdg", "/home/u", "/elsewhere/tokenizers")]
    [InlineData("off", "/xdg", "/home/u", null)]
    [InlineData("NONE", null, "/home/u", null)]
    [InlineData("0", null, "/home/u", null)]
    [InlineData("false", null, "/home/u", null)]
    [InlineData(null, null, null, null)]
    public void The_environment_moves_or_disables_the_cache(string? setting, string? xdg, string? home, string? expected)
    {
        var variables = new Dictionary<string, string?> { [TokenizerCache.EnvironmentVariable] = setting, ["XDG_CACHE_HOME"] = xdg };
        var cache = TokenizerCache.FromEnvironment(name => variables.GetValueOrDefault(name), home);
        Assert.Equal(expected is null ? null : Path.GetFullPath(expected), cache.Folder);
    }

    private static byte[] Spoil(string spoiler, byte[] good, string otherTokenizer, TokenizerCache cache)
    {
        var bytes = (byte[])good.Clone();
        switch (spoiler)
        {
            case "flip-payload":
                bytes[^5] ^= 0x40;
                return bytes;
            case "flip-checksum":
                bytes[75] ^= 0x01;
                return bytes;
            case "truncate":
                return bytes[..(bytes.Length / 2)];
            case "append":
                return [.. bytes, 0];
            case "header-only":
                return bytes[..40];
            case "empty":
                return [];
            case "other-version":
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), CompiledTokenizerFile.FormatVersion + 1);
                return bytes;
            case "not-a-cache":
                return "{\"model\": {}}"u8.ToArray();
            case "other-build":
                Guid.NewGuid().TryWriteBytes(bytes.AsSpan(16, 16));
                return bytes;
            case "other-source":
                // A whole, valid entry, but for another tokenizer file, under this file's name.
                var otherSha = TokenizerLoader.Load(otherTokenizer, null, cache).Info.Sha256;
                return File.ReadAllBytes(cache.PathFor(otherSha)!);
            default:
                throw new ArgumentOutOfRangeException(nameof(spoiler), spoiler, null);
        }
    }

    private static CacheLookup Expected(string spoiler) => spoiler switch
    {
        "flip-payload" or "flip-checksum" => CacheLookup.Damaged,
        "truncate" or "append" or "header-only" => CacheLookup.Truncated,
        "empty" or "other-version" or "not-a-cache" => CacheLookup.WrongVersion,
        _ => CacheLookup.Stale,
    };

    private static void AssertSame(ITextTokenizer expected, ITextTokenizer actual)
    {
        Assert.Equal(expected.Info, actual.Info);
        var want = new TokenBuffer(64);
        var got = new TokenBuffer(64);
        expected.Encode(Text, want);
        actual.Encode(Text, got);
        Assert.Equal(want.Span.ToArray(), got.Span.ToArray());
        var all = Enumerable.Range(0, expected.Info.VocabSize).Select(id => (uint)id).ToArray();
        var decodable = all.Where(id => TryDecode(expected, id) is not null).ToArray();
        Assert.Equal(decodable.Select(id => TryDecode(expected, id)), decodable.Select(id => TryDecode(actual, id)));
        Assert.Equal(all.Length - decodable.Length, all.Count(id => TryDecode(actual, id) is null));
    }

    private static string? TryDecode(ITextTokenizer tokenizer, uint id)
    {
        try
        {
            return tokenizer.Decode([id]);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
