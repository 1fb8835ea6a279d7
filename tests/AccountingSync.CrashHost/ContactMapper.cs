using AccountingSync.Connectors;
using AccountingSync.Model.Documents;
using AccountingSync.Validation;

namespace AccountingSync.CrashHost;

/// <summary>Maps a generated record to a contact; an empty name is reported as a mapping problem.</summary>
public sealed class ContactMapper : IRecordMapper
{
    public MappingResult Map(SourceChange change)
    {
        var name = change.Payload as string;
        if (string.IsNullOrEmpty(name))
        {
            return MappingResult.Failed(new ValidationProblem("Name", ValidationCodes.Required, "The customer has no name."));
        }

        return MappingResult.Mapped(new Contact { Source = change.Entity, Version = change.Version, Name = name });
    }
}
