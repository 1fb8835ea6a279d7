namespace AccountingSync.Conformance.Stores;

/// <summary>
/// Base of every store contract suite: each test gets a fresh, empty, isolated store from the derived class.
/// Durable backends also override <see cref="ReopenAsync"/> so the suite checks that state survives reopening.
/// </summary>
/// <typeparam name="TStore">The store interface under test.</typeparam>
public abstract class StoreConformance<TStore>
    where TStore : class
{
    /// <summary>Gets a token that ends with the test.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Creates a fresh, empty store that no other test shares.</summary>
    protected abstract Task<TStore> CreateStoreAsync();

    /// <summary>
    /// Opens the same storage again, as a restarted process would. In-memory stores return the same instance.
    /// </summary>
    protected virtual Task<TStore> ReopenAsync(TStore store) => Task.FromResult(store);
}
