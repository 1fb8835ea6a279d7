using AccountingSync.Batch.Mapping;
using Npgsql;

namespace AccountingSync.Batch.PostgreSql.Internal;

/// <summary>Failure lines as one array per column, for a single <c>unnest</c> insert; numbered per row from 0.</summary>
internal sealed class FailureColumns
{
    private readonly List<long> _rows = [];
    private readonly List<int> _seqs = [];
    private readonly List<string?> _columns = [];
    private readonly List<string?> _values = [];
    private readonly List<string> _rules = [];
    private readonly List<string> _messages = [];
    private readonly List<short> _dispositions = [];
    private readonly Dictionary<long, int> _perRow = [];

    public void Add(IReadOnlyList<RowFailure> failures)
    {
        foreach (var failure in failures)
        {
            var seq = _perRow.GetValueOrDefault(failure.RowNumber);
            _perRow[failure.RowNumber] = seq + 1;
            _rows.Add(failure.RowNumber);
            _seqs.Add(seq);
            _columns.Add(failure.Column);
            _values.Add(failure.Value);
            _rules.Add(failure.Rule);
            _messages.Add(failure.Message);
            _dispositions.Add((short)failure.Disposition);
        }
    }

    public NpgsqlBatchCommand ToCommand(string sql, NpgsqlParameter job) => new(sql)
    {
        Parameters =
        {
            job,
            new NpgsqlParameter<long[]> { TypedValue = [.. _rows] },
            new NpgsqlParameter<int[]> { TypedValue = [.. _seqs] },
            new NpgsqlParameter<string?[]> { TypedValue = [.. _columns] },
            new NpgsqlParameter<string?[]> { TypedValue = [.. _values] },
            new NpgsqlParameter<string[]> { TypedValue = [.. _rules] },
            new NpgsqlParameter<string[]> { TypedValue = [.. _messages] },
            new NpgsqlParameter<short[]> { TypedValue = [.. _dispositions] },
        },
    };
}
