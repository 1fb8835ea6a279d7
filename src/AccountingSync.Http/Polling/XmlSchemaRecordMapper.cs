using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using AccountingSync.Connectors;
using AccountingSync.Validation;

namespace AccountingSync.Http.Polling;

/// <summary>
/// Checks each XML record (an <see cref="XElement"/> payload) against an XSD before the inner mapper sees it; a
/// record that fails is a row-level failure, dead-lettered with the path of each offending element or attribute.
/// </summary>
/// <remarks>
/// Validation uses <c>System.Xml.Schema</c>. Delete stubs are passed on without validation. The schema set is
/// compiled once; the mapper is thread-safe when the inner mapper is.
/// </remarks>
public sealed class XmlSchemaRecordMapper : IRecordMapper
{
    private readonly XmlSchemaSet _schemas;
    private readonly IRecordMapper _inner;

    /// <summary>Creates the mapper.</summary>
    /// <param name="schemas">The schemas records must meet; compiled here.</param>
    /// <param name="inner">The mapper for records that meet them.</param>
    /// <exception cref="XmlSchemaException">A schema does not compile.</exception>
    public XmlSchemaRecordMapper(XmlSchemaSet schemas, IRecordMapper inner)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(inner);
        schemas.Compile();
        _schemas = schemas;
        _inner = inner;
    }

    /// <inheritdoc />
    public MappingResult Map(SourceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Operation != ChangeOperation.Delete && change.Payload is XElement record)
        {
            var problems = new List<ValidationProblem>();
            // Validating a copy keeps the shared payload free of the schema info validation attaches to it.
            new XDocument(new XElement(record)).Validate(_schemas, (sender, args) =>
                problems.Add(new ValidationProblem(PathOf(sender), "xsd." + args.Severity.ToString().ToLowerInvariant(),
                    args.Message)));
            if (problems.Count > 0)
            {
                return MappingResult.Failed(problems);
            }
        }

        return _inner.Map(change);
    }

    private static string PathOf(object? node) => node switch
    {
        XAttribute attribute => PathOf(attribute.Parent) + "/@" + attribute.Name.LocalName,
        XElement element => string.Concat(element.AncestorsAndSelf().Reverse().Select(e => "/" + e.Name.LocalName)),
        _ => "/",
    };
}
