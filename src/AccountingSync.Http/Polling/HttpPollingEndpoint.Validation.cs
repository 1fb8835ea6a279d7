using AccountingSync.Http.Internal;

namespace AccountingSync.Http.Polling;

public sealed partial record HttpPollingEndpoint
{
    /// <summary>Checks the settings with <see cref="HttpPollingEndpointValidator"/> and names every one that is wrong.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it.</exception>
    public void Validate() =>
        OptionsChecks.ThrowIfFailed(new HttpPollingEndpointValidator().Validate(null, this));
}
