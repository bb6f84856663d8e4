using System.Buffers;
using System.Threading.Channels;
using UltraLLaDA.Data.Formats;
using UltraLLaDA.Data.Output;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>The stages of a pack job and the channels between them.</summary>
public sealed partial class PackJob
{
    /// <summary>Fixed cost per document in the byte budget, so a flood of tiny documents is bounded too.</summary>
    private const long DocumentOverhead = 1024;

    private async Task RunStagesAsync(PackPosition start, IPacker packer, DocumentTableWriter documents, List<ShardEntry> shards, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = failed.Token;
        var workers = _settings.Workers;
        using var encoders = new RecordEncoderPool(() => Format.CreateEncoder(Context));
        var budget = new ByteBudget(_settings.ByteBudget);
        var read = Channel.CreateBounded<(long Sequence, SourceDocument Document, long Cost)>(
            new BoundedChannelOptions(workers * 4) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = true });
        var tokenized = Channel.CreateBounded<TokenizedDocument>(
            new BoundedChannelOptions(workers * 4) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        // Each item is a record being compressed on the thread pool; the channel keeps them in order and bounds how many are in flight.
        var encoded = Channel.CreateBounded<Task<EncodedPackedRecord>>(
            new BoundedChannelOptions(Math.Max(4, workers * 2)) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });

        var stages = new List<Task>
        {
            Guard(ReadAsync(start, budget, read.Writer, token), failed),
        };
        var tokenizers = Enumerable.Range(0, workers)
            .Select(i => Guard(TokenizeAsync(i == 0 ? _tokenizer : _tokenizer.CreateWorker(), read.Reader, tokenized.Writer, token), failed))
            .ToArray();
        stages.AddRange(tokenizers);
        stages.Add(CompleteWhenAll(tokenizers, tokenized.Writer));
        stages.Add(Guard(PackAsync(packer, encoders, budget, documents, tokenized.Reader, encoded.Writer, token), failed));
        stages.Add(Guard(WriteAsync(documents, shards, encoded.Reader, token), failed));

        try
        {
            await Task.WhenAll(stages).ConfigureAwait(false);
        }
        catch
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Report the stage failure that started it, not the cancellations it caused downstream.
            var first = stages.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).FirstOrDefault(e => e is not OperationCanceledException);
            if (first is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
            throw;
        }
        finally
        {
            // Release the compressed frames of records that never reached the writer.
            while (encoded.Reader.TryRead(out var pending))
            {
                if (pending.IsCompletedSuccessfully)
                    pending.Result.Encoded.Dispose();
            }
        }
    }

    /// <summary>Cancels the other stages when one fails, so none waits forever on a channel that will never move.</summary>
    private static async Task Guard(Task stage, CancellationTokenSource failed)
    {
        try
        {
            await stage.ConfigureAwait(false);
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task CompleteWhenAll(Task[] producers, ChannelWriter<TokenizedDocument> writer)
    {
        try
        {
            await Task.WhenAll(producers).ConfigureAwait(false);
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }

    private async Task ReadAsync(PackPosition start, ByteBudget budget, ChannelWriter<(long, SourceDocument, long)> output, CancellationToken token)
    {
        await Task.Yield();
        try
        {
            long sequence = 0;
            await foreach (var document in _openSource(start.Doc, token).WithCancellation(token).ConfigureAwait(false))
            {
                if (document.Ordinal < start.Doc)
                    continue;
                var chars = document.Text?.Length ?? 0;
                var cost = (2L * chars) + DocumentOverhead;
                await budget.AcquireAsync(cost, token).ConfigureAwait(false);
                Counters.DocumentRead(chars);
                await output.WriteAsync((sequence++, document, cost), token).ConfigureAwait(false);
            }

            output.TryComplete();
        }
        catch (Exception e)
        {
            output.TryComplete(e);
            throw;
        }
    }

    private async Task TokenizeAsync(ITextTokenizer tokenizer, ChannelReader<(long Sequence, SourceDocument Document, long Cost)> input, ChannelWriter<TokenizedDocument> output, CancellationToken token)
    {
        // Tokenizing is CPU-bound: leave the caller's thread at once and stay on a pool thread.
        await Task.Yield();
        var buffer = new TokenBuffer(1 << 16);
        while (await input.WaitToReadAsync(token).ConfigureAwait(false))
        {
            while (input.TryRead(out var item))
            {
                var document = item.Document;
                var cpu = PackStageCpu.Start();
                buffer.Clear();
                if (!string.IsNullOrEmpty(document.Text))
                {
                    try
                    {
                        tokenizer.Encode(document.Text, buffer);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        throw new PackJobException($"{SourcePlace.Describe(document.Source, document.Row)} (document {document.Ordinal}): the tokenizer failed: {e.Message}", e);
                    }
                }

                var ids = buffer.Count == 0 ? [] : ArrayPool<uint>.Shared.Rent(buffer.Count);
                buffer.Span.CopyTo(ids);
                Counters.DocumentTokenized(buffer.Count);
                Counters.StageCpu.AddTokenize(cpu);
                await output.WriteAsync(new TokenizedDocument(item.Sequence, document with { Text = document.Text is null ? null : string.Empty }, ids, buffer.Count, item.Cost), token).ConfigureAwait(false);
            }
        }
    }

    private async Task PackAsync(IPacker packer, RecordEncoderPool encoders, ByteBudget budget, DocumentTableWriter documents, ChannelReader<TokenizedDocument> input, ChannelWriter<Task<EncodedPackedRecord>> output, CancellationToken token)
    {
        await Task.Yield();
        var pending = new Dictionary<long, TokenizedDocument>();
        var tally = new PieceTally();
        long next = 0;
        try
        {
            while (await input.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (input.TryRead(out var item))
                {
                    pending.Add(item.Sequence, item);
                    // Restore input order: workers finish documents in any order.
                    while (pending.Remove(next, out var document))
                    {
                        var cpu = PackStageCpu.Start();
                        next++;
                        var ordinal = document.Document.Ordinal;
                        var stream = _settings.Packing.StreamLength(document.Count);
                        documents.Add(document.Document, stream);
                        tally.Packed(ordinal, stream);
                        try
                        {
                            packer.Add(ordinal, document.Ids);
                        }
                        finally
                        {
                            document.ReturnIds();
                            budget.Release(document.BudgetCost);
                            Counters.StageCpu.AddPack(cpu);
                        }

                        await DrainAsync(packer, encoders, tally, output, token).ConfigureAwait(false);
                    }
                }
            }

            var completing = PackStageCpu.Start();
            packer.Complete();
            Counters.StageCpu.AddPack(completing);
            await DrainAsync(packer, encoders, tally, output, token).ConfigureAwait(false);
            output.TryComplete();
        }
        catch (Exception e)
        {
            output.TryComplete(e);
            foreach (var document in pending.Values)
                document.ReturnIds();
            throw;
        }
    }

    private async Task DrainAsync(IPacker packer, RecordEncoderPool encoders, PieceTally tally, ChannelWriter<Task<EncodedPackedRecord>> output, CancellationToken token)
    {
        var stageCpu = Counters.StageCpu;
        while (true)
        {
            var taking = PackStageCpu.Start();
            if (!packer.TryTake(out var record))
            {
                stageCpu.AddPack(taking);
                break;
            }
            // Counted here, in record order, so the per-shard counts in the manifest add up after a resume too.
            var cut = tally.CutDocumentsEndingIn(record.Segments);
            var segments = record.SegmentCount;
            var padding = record.PaddingCount;
            stageCpu.AddPack(taking);
            var work = Task.Run(() =>
            {
                var cpu = PackStageCpu.Start();
                var encoder = encoders.Rent();
                try
                {
                    return new EncodedPackedRecord(record.Index, record.Next, encoder.Encode(record), segments, padding, cut);
                }
                finally
                {
                    encoders.Return(encoder);
                    packer.Recycle(record);
                    stageCpu.AddCompress(cpu);
                }
            }, token);
            await output.WriteAsync(work, token).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(DocumentTableWriter documents, List<ShardEntry> shards, ChannelReader<Task<EncodedPackedRecord>> input, CancellationToken token)
    {
        await Task.Yield();
        IShardOutput? writer = null;
        long firstRecord = shards.Count == 0 ? 0 : shards[^1].FirstRecord + shards[^1].Records;
        PackPosition next = default;
        var counts = new ShardCounts();
        try
        {
            while (await input.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (input.TryRead(out var work))
                {
                    var record = await work.ConfigureAwait(false);
                    var cpu = PackStageCpu.Start();
                    using (record.Encoded)
                    {
                        writer ??= Format.CreateWriter(_settings.OutputDirectory, _settings.Names.ShardStem(shards.Count), shards.Count, Context);
                        writer.Append(record.Encoded);
                    }

                    counts.Add(record);

                    next = record.Next;
                    Counters.RecordWritten();
                    if (writer.RecordCount == _settings.RecordsPerShard)
                    {
                        firstRecord = FinishShard(writer, documents, shards, firstRecord, next, counts);
                        writer.Dispose();
                        writer = null;
                        counts = new ShardCounts();
                    }
                    Counters.StageCpu.AddWrite(cpu);
                }
            }

            if (writer is not null)
            {
                var cpu = PackStageCpu.Start();
                FinishShard(writer, documents, shards, firstRecord, next, counts);
                Counters.StageCpu.AddWrite(cpu);
            }
        }
        finally
        {
            writer?.Dispose();
        }
    }

    private long FinishShard(IShardOutput writer, DocumentTableWriter documents, List<ShardEntry> shards, long firstRecord, PackPosition next, ShardCounts counts)
    {
        var finished = writer.Complete();
        var main = finished.Files[0];
        shards.Add(new ShardEntry(main.File, finished.Records, finished.Tokens, main.Bytes, main.Sha256, firstRecord, next.Doc, next.Offset)
        {
            Companions = finished.Files.Count > 1 ? finished.Files.Skip(1).ToArray() : null,
            PaddingTokens = counts.PaddingTokens,
            Segments = counts.Segments,
            CutDocuments = counts.CutDocuments,
        });
        // The documents the new shard mentions must be on disk before the manifest lists it.
        documents.Flush();
        WriteManifest(shards, complete: false, totals: null);
        Counters.ShardWritten(finished.Files.Sum(f => f.Bytes));
        return firstRecord + finished.Records;
    }
}
