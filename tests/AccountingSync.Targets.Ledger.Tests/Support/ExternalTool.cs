using System.Diagnostics;
using AccountingSync.Conformance;

namespace AccountingSync.Targets.Ledger.Tests;

/// <summary>
/// Runs a command-line tool the engine checks need (hledger, GnuCash's Python bindings). Missing, the test is
/// skipped with the reason; under CI=true a missing tool fails it, since .ci/services installs them.
/// </summary>
internal static class ExternalTool
{
    public static string Require(string executable, string installHint)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
                     .Prepend(Path.GetDirectoryName(executable) ?? string.Empty))
        {
            var candidate = Path.IsPathRooted(executable) ? executable : Path.Combine(dir, executable);
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        var reason = $"'{executable}' is not installed ({installHint}).";
        if (SharedData.IsCi)
        {
            throw new InvalidOperationException(reason + " CI must have it: see .ci/services/gnucash.sh.");
        }

        Assert.Skip(reason);
        return null!;
    }

    public static async Task<string> RunAsync(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }
}
