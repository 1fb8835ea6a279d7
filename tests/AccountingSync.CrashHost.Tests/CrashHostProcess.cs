using System.Diagnostics;
using AccountingSync.Conformance;

namespace AccountingSync.CrashHost.Tests;

/// <summary>Starts the crash host with <c>dotnet</c>, and kills it with SIGKILL once it reports enough progress.</summary>
public static class CrashHostProcess
{
    private static readonly Lazy<string> HostPath = new(FindHost);

    /// <summary>Runs the host until it exits, or kills it after <paramref name="killAfterProgress"/> progress lines.</summary>
    /// <returns>Whether it was killed (false: it finished on its own, with exit code 0).</returns>
    public static async Task<bool> RunAsync(IReadOnlyList<string> arguments, int killAfterProgress, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostPath.Value);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var progressLines = 0;
        var sawDone = false;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("progress ", StringComparison.Ordinal) && ++progressLines >= killAfterProgress)
            {
                // Process.Kill sends SIGKILL on Unix: no finally blocks, no flushing, no disposal in the child.
                process.Kill();
                await process.WaitForExitAsync(cancellationToken);
                return true;
            }

            sawDone |= line == "done";
        }

        await process.WaitForExitAsync(cancellationToken);
        var stderr = await errors;
        Assert.True(process.ExitCode == 0 && sawDone, $"The crash host failed with exit code {process.ExitCode}: {stderr}");
        return false;
    }

    private static string FindHost()
    {
        // The host is built beside this project, in the same configuration: bin/<configuration>/<tfm>/.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var path = Path.Combine(SharedData.RepositoryRoot, "tests", "AccountingSync.CrashHost", "bin", configuration, framework,
            "AccountingSync.CrashHost.dll");
        Assert.True(File.Exists(path), $"The crash host was not built at '{path}'; build tests/AccountingSync.CrashHost.Tests.");
        return path;
    }
}
