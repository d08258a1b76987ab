package io.kso.kubescape.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import tools.jackson.databind.JsonNode;

/**
 * The report formats' schemas: ours for json (in the engine's jar), SARIF 2.1.0's and a JUnit XSD
 * (in the engine's test resources, read from its folder).
 */
final class Schemas {
  private static final Path TEST_SCHEMAS = Path.of("engine/src/test/resources/schemas");

  private Schemas() {}

  static void assertValidResults(JsonNode doc) throws IOException {
    try (InputStream in = Schemas.class.getResourceAsStream("/schemas/scan-results.schema.json")) {
      assertThat(in).as("the engine's results schema").isNotNull();
      assertThat(schema(in, SpecificationVersion.DRAFT_2020_12).validate(doc)).isEmpty();
    }
  }

  static void assertValidSarif(JsonNode doc) throws IOException {
    try (InputStream in = Files.newInputStream(TEST_SCHEMAS.resolve("sarif-2.1.0-rtm.5.json"))) {
      assertThat(schema(in, SpecificationVersion.DRAFT_4).validate(doc)).isEmpty();
    }
  }

  static void assertValidJunit(String xml) throws Exception {
    var factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    var xsd = factory.newSchema(TEST_SCHEMAS.resolve("junit.xsd").toFile());
    xsd.newValidator().validate(new StreamSource(new StringReader(xml)));
  }

  private static Schema schema(InputStream in, SpecificationVersion version) {
    return SchemaRegistry.withDefaultDialect(version).getSchema(in);
  }
}
