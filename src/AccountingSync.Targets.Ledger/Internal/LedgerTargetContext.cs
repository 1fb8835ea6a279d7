using AccountingSync.Targets.Ledger.Mapping;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>What the shared write rules need from a target: its name, mapping and logger.</summary>
internal sealed record LedgerTargetContext(string Name, PostingMapper Mapper, ILogger Logger);
