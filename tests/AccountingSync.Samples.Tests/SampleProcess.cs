using System.Diagnostics;
using System.Text;
using AccountingSync.Conformance;

namespace AccountingSync.Samples.Tests;

/// <summary>Runs a built sample with <c>dotnet</c> in a working folder of its own, as a user runs it.</summary>
internal static class SampleProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs the sample to its end, or kills it (and its children) after three minutes.</summary>
    /// <returns>The exit code and everything it wrote to standard output and standard error.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string sample, string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };

        // The assertions read figures as en-US prints them (257,180.69), whatever the machine's locale.
        start.Environment["LANG"] = "en_US.UTF-8";
        start.Environment["LC_ALL"] = "en_US.UTF-8";
        start.ArgumentList.Add(Find(sample));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(stdout, stderr);
            Assert.Fail($"{sample} did not finish within {Timeout.TotalMinutes} minutes and was killed. Output:\n{output}");
        }

        await Task.WhenAll(stdout, stderr);
        return (process.ExitCode, output.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    // Beside the tests' own output: samples/<Name>/bin/<Configuration>/<TargetFramework>/<Name>.dll.
    private static string Find(string sample)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(
            SharedData.RepositoryRoot, "samples", sample, "bin", output.Parent!.Name, output.Name, sample + ".dll");
        Assert.True(File.Exists(path), $"The sample was not built at '{path}'; build tests/AccountingSync.Samples.Tests.");
        return path;
    }
}
