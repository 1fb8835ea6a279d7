namespace AccountingSync.Pipeline;

/// <summary>Hands out the pipeline of each target registered with <c>AddTarget</c>; one instance per target.</summary>
public interface ISyncPipelineProvider
{
    /// <summary>Gets the pipeline of a target, creating it on first use.</summary>
    /// <param name="target">The target's name.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="InvalidOperationException">No target has that name.</exception>
    SyncPipeline GetPipeline(string target);
}
