using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Pipeline;
using AccountingSync.Targets.Ledger.GnuCash;
using AccountingSync.Targets.Ledger.Hledger;
using AccountingSync.Targets.Ledger.Sql;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Targets.Ledger.Tests.Pipeline;

public sealed class LedgerPipelineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-pipeline-").FullName;

    [Theory]
    [InlineData("sql")]
    [InlineData("hledger")]
    [InlineData("gnucash")]
    public async Task RunAsync_DuplicatesRetriesAndLostState_EachDocumentWrittenExactlyOnce(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (target, count) = Create(kind);
        var flaky = new LostResponseTarget(target);
        var options = new SyncPipelineOptions
        {
            Parallelism = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(1),
        };

        await using (var pipeline = new SyncPipeline(flaky, SyncStores.InMemory(), options))
        {
            var first = await pipeline.RunAsync(new ListSource(Changes()), new DocumentMapper(), ct);
            // Each delivery of the unbalanced journal is refused; nothing of it reaches the books.
            Assert.True(first.DeadLettered >= 1);
        }

        // Fresh stores, as after losing the pipeline's state: only the target's own idempotency stands in the way.
        await using (var pipeline = new SyncPipeline(target, SyncStores.InMemory(), options))
        {
            var second = await pipeline.RunAsync(new ListSource(Changes()), new DocumentMapper(), ct);
            Assert.Equal(0, second.Written);
        }

        Assert.True(flaky.LostResponses > 0);
        Assert.Equal(LedgerFixtures.MixedDocuments().Count, count());
        var readBack = (ITargetReadBack)target;
        foreach (var document in LedgerFixtures.MixedDocuments())
        {
            Assert.NotNull(await readBack.FindBySourceAsync(document.Source, ct));
        }
    }

    private static List<SourceChange> Changes()
    {
        var changes = new List<SourceChange>();
        var n = 0;
        foreach (var document in LedgerFixtures.MixedDocuments().Append(LedgerFixtures.UnbalancedJournal()))
        {
            var change = new SourceChange
            {
                Entity = document.Source, Version = document.Version, EventId = "evt-" + n, Payload = document,
                Cursor = (++n).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            changes.Add(change);
            changes.Add(change);
            changes.Add(change with { EventId = "redelivered-" + n });
        }

        return changes;
    }

    private (ITargetConnector Target, Func<long> Count) Create(string kind)
    {
        switch (kind)
        {
            case "sql":
                var db = $"Data Source={Path.Combine(_folder, "ledger.db")};Pooling=False";
                return (SqlLedgerTarget.ForSqlite(db), () => Scalar(db, "SELECT COUNT(*) FROM ledger_transactions"));
            case "hledger":
                var journal = Path.Combine(_folder, "books.journal");
                return (new HledgerJournalTarget(journal),
                    () => File.ReadAllLines(journal).Count(l => l.Contains(", key:", StringComparison.Ordinal)));
            default:
                var book = Path.Combine(_folder, "books.gnucash");
                return (new GnuCashBookTarget(book), () => Scalar(
                    $"Data Source={book};Pooling=False", "SELECT COUNT(*) FROM slots WHERE name = 'accountingsync-key'"));
        }
    }

    private static long Scalar(string connectionString, string sql)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Applies every other call but reports it as a transient failure, as when a response is lost.</summary>
    private sealed class LostResponseTarget(ITargetConnector inner) : TargetConnector
    {
        public int LostResponses { get; private set; }

        public override string Name => inner.Name;

        public override TargetCapabilities Capabilities => inner.Capabilities;

        public override async ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken)
        {
            var result = await inner.WriteAsync(write, cancellationToken);
            if (result.Status == WriteStatus.Written && LostResponses++ % 2 == 0)
            {
                return TargetWriteResult.Failed(ErrorClass.Transient, "The connection was reset.");
            }

            return result;
        }
    }

    private sealed class ListSource(IReadOnlyList<SourceChange> changes) : ISourceConnector
    {
        public string Name => "shop-feed";

        public SourceCapabilities Capabilities => new(SourceFeatures.None);

        public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
            string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var change in changes)
            {
                yield return change;
            }
        }
    }

    private sealed class DocumentMapper : RecordMapper<AccountingDocument>
    {
        protected override MappingResult Map(SourceChange change, AccountingDocument payload) => MappingResult.Mapped(payload);
    }
}
