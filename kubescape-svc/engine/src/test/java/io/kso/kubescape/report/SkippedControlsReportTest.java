package io.kso.kubescape.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.input.InputError;
import io.kso.kubescape.input.ManifestReader;
import io.kso.kubescape.scan.ScanOptions;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Scanner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every format says why a control was skipped: here C-0057 (privileged container) over a scan that
 * could not list Pods, beside C-0035 (RBAC only), evaluated as ever.
 */
class SkippedControlsReportTest {
  static final String REASON = "objects it needs could not be read: Pod (pods: forbidden (403))";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static ScanReport report;

  @BeforeAll
  static void scan() {
    List<Resource> resources = new ArrayList<>();
    for (String f : List.of("insecure-deployment.yaml", "nested/rbac-list.json")) {
      resources.addAll(
          ManifestReader.readFile(Path.of("src/test/resources/samples").resolve(f)).resources());
    }
    report =
        new Scanner(BundleLoader.embedded())
            .scan(
                resources,
                ScanOptions.builder()
                    .controls(List.of("C-0057", "C-0035"))
                    .unreadableKind("Pod", "pods: forbidden (403)")
                    .build());
  }

  @Test
  void jsonGivesTheSkippedControlKubescapesStatusInfoAndNoScore() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonReportWriter.write(report, List.of(), out);
    JsonNode doc = JSON.readTree(out.toByteArray());

    assertThat(
            schema("/schemas/scan-results.schema.json", SpecificationVersion.DRAFT_2020_12)
                .validate(doc))
        .isEmpty();
    JsonNode controls = doc.path("summaryDetails").path("controls");
    assertThat(controls.path("C-0057").path("status"))
        .isEqualTo(JSON.readTree("{\"status\": \"skipped\", \"info\": \"" + REASON + "\"}"));
    assertThat(controls.path("C-0057").has("score")).isFalse();
    assertThat(controls.path("C-0057").has("complianceScore")).isFalse();
    assertThat(controls.path("C-0035").path("status").path("status").asString())
        .isEqualTo("failed");
    assertThat(controls.path("C-0035").has("complianceScore")).isTrue();
    assertThat(doc.path("summaryDetails").path("status").path("status").asString())
        .isEqualTo("failed");
    // no resource result names the skipped control
    assertThat(doc.path("results").toString()).doesNotContain("C-0057");
  }

  @Test
  void prettyListsTheSkippedControlUnderItsReason() {
    StringWriter out = new StringWriter();
    PrettyReportWriter.write(report, List.of(), new PrintWriter(out));

    assertThat(out.toString())
        .contains(
            "Skipped: 1 control(s) not evaluated, not in the scores:\n  "
                + REASON
                + " (1):\n    C-0057\n")
        .contains("Overall: compliance score");
  }

  @Test
  void junitSkipsTheControlWithTheReasonAsMessage() throws Exception {
    StringWriter out = new StringWriter();
    JunitReportWriter.write(report, List.of(), new PrintWriter(out));

    var xsd =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(getClass().getResource("/schemas/junit.xsd"));
    xsd.newValidator().validate(new StreamSource(new StringReader(out.toString())));
    assertThat(out.toString())
        .containsPattern(
            "<testcase name=\"C-0057 Privileged container\" classname=\"scan\">\\s*<skipped message=\""
                + java.util.regex.Pattern.quote(REASON)
                + "\"/>")
        .contains("<failure");
  }

  @Test
  void sarifWarnsOfTheSkippedControlAndReportsNoResultForIt() throws IOException {
    StringWriter out = new StringWriter();
    SarifReportWriter.write(report, List.of(new InputError("x.yaml", 3, "broken")), out);
    JsonNode doc = JSON.readTree(out.toString());

    try (InputStream in = getClass().getResourceAsStream("/schemas/sarif-2.1.0-rtm.5.json")) {
      Schema sarif = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
      assertThat(sarif.validate(doc)).isEmpty();
    }
    JsonNode run = doc.path("runs").get(0);
    JsonNode notifications = run.path("invocations").get(0).path("toolExecutionNotifications");
    assertThat(notifications.toString()).contains("could not read x.yaml:3: broken");
    JsonNode skipped = null;
    for (JsonNode n : notifications) {
      if ("C-0057".equals(n.path("associatedRule").path("id").asString(""))) {
        skipped = n;
      }
    }
    assertThat(skipped).as(notifications.toString()).isNotNull();
    assertThat(skipped.path("level").asString()).isEqualTo("warning");
    assertThat(skipped.path("message").path("text").asString()).endsWith(REASON);
    assertThat(run.path("invocations").get(0).path("executionSuccessful").asBoolean()).isFalse();
    assertThat(run.path("results").toString()).doesNotContain("C-0057").contains("C-0035");
  }

  private static Schema schema(String resource, SpecificationVersion version) throws IOException {
    try (InputStream in = SkippedControlsReportTest.class.getResourceAsStream(resource)) {
      return SchemaRegistry.withDefaultDialect(version).getSchema(in);
    }
  }
}
