using System.Buffers;
using System.Text;
using UltraLLaDA.Data.Tokenization.PreTokenization;

namespace UltraLLaDA.Data.Tokenization.Bpe;

/// <summary>
/// A byte-level BPE tokenizer (GPT-2 family: Llama-3, Qwen2/3, DeepSeek, o200k, ...) that encodes
/// document text as HF tokenizers does with <c>add_special_tokens=false</c> and no added-token
/// matching: normalizer, pre-tokenizer pieces, UTF-8 bytes of each piece, BPE merges. Added/special
/// token strings in the text are ordinary text. One instance per thread; <see cref="CreateWorker"/>
/// shares only the read-only definition.
/// </summary>
internal sealed class ByteLevelBpeTokenizer : ITextTokenizer
{
    private readonly ByteLevelBpeDefinition _definition;
    private readonly PreTokenizer _preTokenizer;
    private readonly BpeMerger _merger;
    private readonly PieceCache _cache = new();
    private byte[] _utf8 = new byte[256];

    public ByteLevelBpeTokenizer(ByteLevelBpeDefinition definition)
    {
        _definition = definition;
        _preTokenizer = new PreTokenizer(definition.Stages);
        _merger = new BpeMerger(definition.Vocabulary);
    }

    public TokenizerInfo Info => _definition.Info;

    internal ByteLevelBpeDefinition Definition => _definition;

    public ITextTokenizer CreateWorker() => new ByteLevelBpeTokenizer(_definition);

    public void Encode(string text, TokenBuffer ids)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ids);
        var normalized = _definition.Normalizer?.Normalize(text) ?? text;
        var vocabulary = _definition.Vocabulary;
        foreach (var piece in _preTokenizer.Run(normalized))
        {
            if (piece.IsEmpty)
                continue;
            if (piece.SpacePrefix)
            {
                EncodeWithSpace(normalized.AsSpan(piece.Start, piece.Length), ids);
                continue;
            }
            var chars = normalized.AsSpan(piece.Start, piece.Length);
            if (chars.Length == 1 && chars[0] < 0x80)
            {
                ids.Add((uint)vocabulary.ByteId((byte)chars[0]));
                continue;
            }
            var cacheable = chars.Length <= PieceCache.MaxPieceLength;
            if (cacheable && _cache.TryAppend(chars, ids))
                continue;
            var start = ids.Count;
            _merger.Encode(ToUtf8(chars, prefix: 0), ids);
            if (cacheable)
                _cache.Add(chars, ids.Span[start..]);
        }
    }

    public string Decode(ReadOnlySpan<uint> ids)
    {
        var text = new StringBuilder();
        var bytes = new ArrayBufferWriter<byte>();
        foreach (var id in ids)
        {
            // Added tokens are rendered verbatim, outside the byte decoder (as HF's decode does).
            if (_definition.AddedTokens.TryGetValue((int)id, out var content))
            {
                Flush(bytes, text);
                text.Append(content);
                continue;
            }
            var tokenBytes = id < (uint)_definition.DecodeBytes.Length ? _definition.DecodeBytes[id] : null;
            if (tokenBytes is null)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"{id} is not a token id of {Info.Name}");
            bytes.Write(tokenBytes);
        }
        Flush(bytes, text);
        return text.ToString();
    }

    // Invalid UTF-8 (a multi-byte character cut between tokens) becomes U+FFFD, like from_utf8_lossy.
    private static void Flush(ArrayBufferWriter<byte> bytes, StringBuilder text)
    {
        if (bytes.WrittenCount == 0)
            return;
        text.Append(Encoding.UTF8.GetString(bytes.WrittenSpan));
        bytes.Clear();
    }

    private void EncodeWithSpace(ReadOnlySpan<char> chars, TokenBuffer ids) => _merger.Encode(ToUtf8(chars, prefix: 1), ids);

    // UTF-8 of the piece (a lone surrogate becomes U+FFFD's bytes), optionally after one space.
    private ReadOnlySpan<byte> ToUtf8(ReadOnlySpan<char> chars, int prefix)
    {
        var needed = prefix + Encoding.UTF8.GetMaxByteCount(chars.Length);
        if (_utf8.Length < needed)
            _utf8 = new byte[Math.Max(needed, _utf8.Length * 2)];
        if (prefix == 1)
            _utf8[0] = (byte)' ';
        var written = Encoding.UTF8.GetBytes(chars, _utf8.AsSpan(prefix));
        return _utf8.AsSpan(0, prefix + written);
    }
}
