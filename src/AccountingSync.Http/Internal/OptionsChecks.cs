using Microsoft.Extensions.Options;

namespace AccountingSync.Http.Internal;

/// <summary>Shared pieces of the package's options validators.</summary>
internal static class OptionsChecks
{
    /// <summary>The prefix every message starts with: the type, and the instance's name when it has one.</summary>
    public static string Prefix(string type, string? name) =>
        string.IsNullOrEmpty(name) || name == Options.DefaultName ? type : $"{type}[{name}]";

    public static void Require(List<string> failures, string? value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{setting} is required.");
        }
    }

    public static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

    /// <summary>Turns a failed result into the <see cref="ArgumentException"/> the direct constructors throw.</summary>
    public static void ThrowIfFailed(ValidateOptionsResult result)
    {
        if (result.Failed)
        {
            throw new ArgumentException(string.Join(" ", result.Failures ?? []));
        }
    }
}
