using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using AccountingSync.Connectors;
using AccountingSync.Http.Polling;
using AccountingSync.Model;

namespace AccountingSync.Http.Tests.Polling;

public sealed class XmlSchemaRecordMapperTests
{
    private const string Xsd = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:element name="Invoice">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="Total" type="xs:decimal" />
              </xs:sequence>
              <xs:attribute name="id" type="xs:string" use="required" />
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """;

    private sealed class Accept : IRecordMapper
    {
        public MappingResult Map(SourceChange change) => MappingResult.Skipped("accepted");
    }

    private static MappingResult Map(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, XmlReader.Create(new StringReader(Xsd)));
        var mapper = new XmlSchemaRecordMapper(schemas, new Accept());
        return mapper.Map(new SourceChange
        {
            Entity = new SourceIdentity("erp", "Invoice", "1"), Payload = XElement.Parse(xml),
        });
    }

    [Fact]
    public void Map_ValidRecord_ReachesTheInnerMapper() =>
        Assert.Equal("accepted", Map("<Invoice id=\"1\"><Total>12.50</Total></Invoice>").SkipReason);

    [Fact]
    public void Map_RecordBreakingTheXsd_FailsWithTheElementPath()
    {
        var result = Map("<Invoice id=\"1\"><Total>twelve</Total></Invoice>");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("/Invoice/Total", problem.Path);
        Assert.Equal("xsd.error", problem.Code);
    }
}
