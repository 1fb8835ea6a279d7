using System.Diagnostics;
using System.Text.Json;
using AccountingSync.Conformance;

namespace AccountingSync.Webhooks.Tests.Interop;

/// <summary>
/// Runs <c>Interop/node/sign.mjs</c>, which signs deliveries with the providers' own npm libraries. Skips when
/// Node.js or the packages are unavailable, except under CI=true, where that is a broken setup and fails.
/// </summary>
internal static class NodeSigner
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string Folder => Path.Combine(
        SharedData.RepositoryRoot, "tests", "AccountingSync.Webhooks.AspNetCore.Tests", "Interop", "node");

    public static async Task<IReadOnlyList<Dictionary<string, string>>> SignAsync(IReadOnlyList<SignRequest> requests)
    {
        await EnsureInstalledAsync();
        var (code, output, error) = await RunAsync("node", "sign.mjs", JsonSerializer.Serialize(requests, JsonOptions));
        if (code != 0)
        {
            throw new InvalidOperationException($"sign.mjs failed ({code}): {error}");
        }

        return JsonSerializer.Deserialize<List<Dictionary<string, string>>>(output)!;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules", "stripe")))
            {
                return;
            }

            (int Code, string Output, string Error) result;
            try
            {
                result = await RunAsync("npm", "ci --no-audit --no-fund", null);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Unavailable("Node.js/npm is not installed");
                return;
            }

            if (result.Code != 0)
            {
                Unavailable($"npm ci failed: {result.Error.Trim()}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static void Unavailable(string reason)
    {
        var message = $"The providers' npm libraries are unavailable ({reason}).";
        if (SharedData.IsCi)
        {
            throw new InvalidOperationException(message + " CI must have them (.ci/services/node-interop.sh).");
        }

        Assert.Skip(message);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, string arguments, string? input)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}

/// <summary>One delivery for sign.mjs to sign.</summary>
internal sealed record SignRequest(string Provider, string Secret, string Body, string Id, long Timestamp);
