using System.Collections.Concurrent;
using System.Threading.Channels;
using System.Threading.Tasks.Dataflow;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Pipeline;
using AccountingSync.Validation;
using BenchmarkDotNet.Attributes;

namespace AccountingSync.Benchmarks.Pipeline;

/// <summary>
/// The whole pipeline against the two ways a user would otherwise move the same records: TPL Dataflow blocks
/// doing the same dedup, idempotency and batching, and a raw bounded-channel chain doing nothing at all.
/// One operation is one record.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 20)]
public class PipelineThroughputBenchmarks
{
    private const int Records = 100_000;
    private const int Capacity = 1024;
    private const int BatchSize = 100;
    private SourceChange[] _changes = [];
    private SyncPipelineOptions _options = new();

    [GlobalSetup]
    public void Setup()
    {
        _changes = BenchmarkRecords.Create(Records);
        _options = new SyncPipelineOptions { Parallelism = Environment.ProcessorCount, PartitionCapacity = Capacity };
        _options.Lanes[0].BatchSize = BatchSize;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Records, Description = "raw Channel<T> chain")]
    public async Task RawChannelChain()
    {
        var options = new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true };
        var first = Channel.CreateBounded<SourceChange>(options);
        var second = Channel.CreateBounded<SourceChange>(options);
        var stage = Task.Run(async () =>
        {
            await foreach (var change in first.Reader.ReadAllAsync())
            {
                await second.Writer.WriteAsync(change);
            }

            second.Writer.Complete();
        });
        var consumer = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var change in second.Reader.ReadAllAsync())
            {
                count++;
            }

            return count;
        });
        foreach (var change in _changes)
        {
            await first.Writer.WriteAsync(change);
        }

        first.Writer.Complete();
        await stage;
        Check(await consumer);
    }

    [Benchmark(OperationsPerInvoke = Records, Description = "SyncPipeline, in-memory stores")]
    public async Task Pipeline()
    {
        await using var pipeline = new SyncPipeline(new NoOpTarget(), SyncStores.InMemory(), _options);
        var result = await pipeline.RunAsync(new ArraySource(_changes), new IdentityMapper());
        Check((int)result.Written);
    }

    [Benchmark(OperationsPerInvoke = Records, Description = "SyncPipeline, machinery only (null stores)")]
    public async Task PipelineMachinery()
    {
        await using var pipeline = new SyncPipeline(new NoOpTarget(), NullStores.Create(), _options);
        var result = await pipeline.RunAsync(new ArraySource(_changes), new IdentityMapper());
        Check((int)result.Written);
    }

    [Benchmark(OperationsPerInvoke = Records, Description = "TPL Dataflow, same job")]
    public async Task Dataflow()
    {
        // What a user would write by hand: dedup, map and validate in bounded blocks, a batch block, a writer that
        // commits outcomes to dictionaries keyed like the pipeline's stores. It keeps no checkpoint and no per-entity
        // order across parallel blocks, so it does less than the pipeline.
        var seen = new ConcurrentDictionary<(string, string), byte>();
        var latest = new ConcurrentDictionary<(string, SourceIdentity), IdempotencyKey>();
        var byKey = new ConcurrentDictionary<IdempotencyKey, string>();
        var target = new NoOpTarget();
        var written = 0;
        var parallel = new ExecutionDataflowBlockOptions
        {
            BoundedCapacity = Capacity, MaxDegreeOfParallelism = Environment.ProcessorCount, EnsureOrdered = true,
        };
        var dedup = new TransformBlock<SourceChange, SourceChange?>(
            change => seen.ContainsKey(("bench", change.EventId!)) || latest.ContainsKey((target.Name, change.Entity)) ? null : change,
            parallel);
        var validator = new DocumentValidator();
        var map = new TransformBlock<SourceChange?, (SourceChange, AccountingDocument)?>(
            change => change is null || !validator.Validate((AccountingDocument)change.Payload!).IsValid
                ? null
                : (change, (AccountingDocument)change.Payload!),
            parallel);
        var batch = new BatchBlock<(SourceChange, AccountingDocument)?>(BatchSize,
            new GroupingDataflowBlockOptions { BoundedCapacity = Capacity });
        var write = new ActionBlock<(SourceChange, AccountingDocument)?[]>(async items =>
        {
            var writes = new TargetWrite[items.Length];
            var results = new TargetWriteResult[items.Length];
            var changes = new SourceChange[items.Length];
            var n = 0;
            foreach (var item in items)
            {
                if (item is { } pair)
                {
                    changes[n] = pair.Item1;
                    writes[n++] = new TargetWrite(
                        IdempotencyKey.Derive(target.Name, pair.Item1.Entity, pair.Item1.Version,
                            pair.Item1.Operation), pair.Item2, pair.Item1.Operation);
                }
            }

            await target.WriteBulkAsync(writes.AsMemory(0, n), results.AsMemory(0, n), CancellationToken.None);
            for (var i = 0; i < n; i++)
            {
                byKey[writes[i].Key] = results[i].TargetId!;
                latest[(target.Name, changes[i].Entity)] = writes[i].Key;
                seen[("bench", changes[i].EventId!)] = 0;
            }

            Interlocked.Add(ref written, n);
        }, new ExecutionDataflowBlockOptions { BoundedCapacity = 4 });
        var link = new DataflowLinkOptions { PropagateCompletion = true };
        dedup.LinkTo(map, link);
        map.LinkTo(batch, link);
        batch.LinkTo(write, link);
        foreach (var change in _changes)
        {
            await dedup.SendAsync(change);
        }

        dedup.Complete();
        await write.Completion;
        Check(written);
    }

    private static void Check(int count)
    {
        if (count != Records)
        {
            throw new InvalidOperationException($"Expected {Records} records, got {count}.");
        }
    }
}
