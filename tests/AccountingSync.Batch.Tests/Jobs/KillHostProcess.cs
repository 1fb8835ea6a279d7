using System.Diagnostics;
using AccountingSync.Conformance;

namespace AccountingSync.Batch.Tests.Jobs;

/// <summary>Starts the batch kill host with <c>dotnet</c> and kills it with SIGKILL after enough progress lines.</summary>
internal static class KillHostProcess
{
    /// <summary>Runs the host until it exits, or kills it after <paramref name="killAfterProgress"/> progress lines.</summary>
    /// <returns>Whether it was killed (false: it finished on its own, with exit code 0).</returns>
    public static async Task<bool> RunAsync(IReadOnlyList<string> arguments, int killAfterProgress, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(FindHost());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(ct);
        var progress = 0;
        var done = false;
        while (await process.StandardOutput.ReadLineAsync(ct) is { } line)
        {
            if (line == "progress" && ++progress >= killAfterProgress)
            {
                // Process.Kill sends SIGKILL on Unix: no finally blocks, no flushing, no disposal in the child.
                process.Kill();
                await process.WaitForExitAsync(ct);
                return true;
            }

            done |= line == "done";
        }

        await process.WaitForExitAsync(ct);
        var stderr = await errors;
        Assert.True(process.ExitCode == 0 && done, $"The kill host failed with exit code {process.ExitCode}: {stderr}");
        return false;
    }

    private static string FindHost()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(SharedData.RepositoryRoot, "tests", "AccountingSync.Batch.KillHost", "bin",
            output.Parent!.Name, output.Name, "AccountingSync.Batch.KillHost.dll");
        Assert.True(File.Exists(path), $"The kill host was not built at '{path}'; build tests/AccountingSync.Batch.Tests.");
        return path;
    }
}
