package io.kso.kubescape.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import tools.jackson.databind.JsonNode;

/** The report formats' schemas: ours for json (the engine's), SARIF 2.1.0's, a JUnit XSD. */
final class Schemas {
  private Schemas() {}

  static void assertValidResults(JsonNode doc) throws IOException {
    assertThat(
            schema("/schemas/scan-results.schema.json", SpecificationVersion.DRAFT_2020_12)
                .validate(doc))
        .isEmpty();
  }

  static void assertValidSarif(JsonNode doc) throws IOException {
    assertThat(
            schema("/schemas/sarif-2.1.0-rtm.5.json", SpecificationVersion.DRAFT_4).validate(doc))
        .isEmpty();
  }

  static void assertValidJunit(String xml) throws Exception {
    var factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    var xsd = factory.newSchema(Schemas.class.getResource("/schemas/junit.xsd"));
    xsd.newValidator().validate(new StreamSource(new StringReader(xml)));
  }

  private static Schema schema(String resource, SpecificationVersion version) throws IOException {
    try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return SchemaRegistry.withDefaultDialect(version).getSchema(in);
    }
  }
}
