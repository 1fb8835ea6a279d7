namespace AccountingSync.DeadLetters;

/// <summary>What a replay of dead letters did.</summary>
/// <param name="Replayed">How many letters were sent through the pipeline.</param>
/// <param name="Delivered">How many are now delivered (or superseded by a newer version) and were removed.</param>
/// <param name="StillFailing">How many failed again and stay, with their attempts and reasons updated.</param>
public sealed record DeadLetterReplayResult(int Replayed, int Delivered, int StillFailing);
