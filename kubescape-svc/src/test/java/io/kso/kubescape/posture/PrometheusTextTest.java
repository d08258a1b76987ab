package io.kso.kubescape.posture;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubescape.bundle.ControlSpec;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.input.ManifestReader;
import io.kso.kubescape.posture.PrometheusText.ResourceMetrics;
import io.kso.kubescape.scan.ControlResult;
import io.kso.kubescape.scan.PostureException;
import io.kso.kubescape.scan.ResourceTable;
import io.kso.kubescape.scan.ScanOptions;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kubescape v2.9.0's {@code --format prometheus} text, on real scans and on crafted reports. */
class PrometheusTextTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/prometheus-samples-nsa-mitre.txt");

  /** {@code name{label="value",...} integer}, label values escaped. */
  static final Pattern LINE =
      Pattern.compile(
          "([a-zA-Z_][a-zA-Z0-9_]*)\\{((?:[a-zA-Z_]+=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\""
              + "(?:,[a-zA-Z_]+=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*)?)\\} (-?\\d+)");

  static final ScanReport SAMPLES = SampleScans.scan("nsa", "mitre");

  @Test
  void rendersTheSampleScanAsTheGoldenFile() throws IOException {
    String text = PrometheusText.render(SAMPLES);

    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, text);
    }
    assertThat(text).isEqualTo(Files.readString(GOLDEN));
  }

  @Test
  void everyLineIsASampleOfTheTextFormatWithoutHelpOrTypeLines() {
    String text = PrometheusText.render(SAMPLES, ResourceMetrics.INCLUDE);

    assertThat(text).endsWith("\n").doesNotContain("# HELP").doesNotContain("# TYPE");
    assertThat(text.split("\n")).allSatisfy(l -> assertThat(l).matches(LINE));
  }

  @Test
  void emitsEveryMetricFamilyOfKubescape() {
    Set<String> families = new LinkedHashSet<>();
    for (String l : PrometheusText.render(SAMPLES, ResourceMetrics.INCLUDE).split("\n")) {
      families.add(l.substring(0, l.indexOf('{')));
    }

    assertThat(families)
        .containsExactly(
            "kubescape_cluster_complianceScore",
            "kubescape_cluster_count_resources_failed",
            "kubescape_cluster_count_resources_skipped",
            "kubescape_cluster_count_resources_passed",
            "kubescape_cluster_count_control_failed",
            "kubescape_cluster_count_control_skipped",
            "kubescape_cluster_count_control_passed",
            "kubescape_framework_complianceScore",
            "kubescape_framework_count_resources_failed",
            "kubescape_framework_count_resources_skipped",
            "kubescape_framework_count_resources_passed",
            "kubescape_framework_count_control_failed",
            "kubescape_framework_count_control_skipped",
            "kubescape_framework_count_control_passed",
            "kubescape_control_complianceScore",
            "kubescape_control_count_resources_failed",
            "kubescape_control_count_resources_skipped",
            "kubescape_control_count_resources_passed",
            "kubescape_resource_count_controls_failed",
            "kubescape_resource_count_controls_skipped");
  }

  @Test
  void leavesOutTheResourceCountersAsKubescapeDoesByDefault() {
    String text = PrometheusText.render(SAMPLES);

    assertThat(text).isEqualTo(PrometheusText.render(SAMPLES, ResourceMetrics.OMIT));
    assertThat(text).doesNotContain("kubescape_resource_");
    // 7 cluster lines, 7 per framework, 4 per control
    assertThat(text.split("\n"))
        .hasSize(7 + 7 * SAMPLES.frameworks().size() + 4 * SAMPLES.controls().size());
  }

  @Test
  void clusterSamplesCountTheReportsControlsAndResources() {
    Map<String, Long> m = samples(PrometheusText.render(SAMPLES));
    List<ControlResult> controls = SAMPLES.controls();

    assertThat(m.get("kubescape_cluster_count_control_failed{}"))
        .isEqualTo(SAMPLES.failedControls());
    assertThat(m.get("kubescape_cluster_count_control_passed{}"))
        .isEqualTo(controls.stream().filter(c -> c.status() == Status.PASSED).count());
    assertThat(m.get("kubescape_cluster_count_control_skipped{}"))
        .isEqualTo(controls.stream().filter(c -> c.status() == Status.SKIPPED).count());
    long failedResources =
        SAMPLES.resources().all().stream()
            .filter(r -> controls.stream().anyMatch(c -> c.status(r.id()) == Status.FAILED))
            .count();
    long seenResources =
        SAMPLES.resources().all().stream()
            .filter(r -> controls.stream().anyMatch(c -> c.status(r.id()) != null))
            .count();
    assertThat(failedResources).isPositive();
    assertThat(m.get("kubescape_cluster_count_resources_failed{}")).isEqualTo(failedResources);
    assertThat(m.get("kubescape_cluster_count_resources_passed{}"))
        .isEqualTo(seenResources - failedResources);
    // v2.9.0 fed this sample the risk score by mistake; it is the compliance score here
    assertThat(m.get("kubescape_cluster_complianceScore{}"))
        .isEqualTo(PrometheusText.toInt(SAMPLES.complianceScore()));
  }

  @Test
  void frameworkAndControlSamplesCarryTheReportsFigures() {
    Map<String, Long> m = samples(PrometheusText.render(SAMPLES));

    for (ScanReport.FrameworkSummary f : SAMPLES.frameworks()) {
      String labels = "{name=\"" + f.name() + "\"}";
      assertThat(m.get("kubescape_framework_complianceScore" + labels))
          .isEqualTo(PrometheusText.toInt(f.complianceScore()));
      long failed =
          SAMPLES.controls().stream()
              .filter(c -> f.controls().contains(c.control().id()))
              .filter(c -> c.status() == Status.FAILED)
              .count();
      assertThat(m.get("kubescape_framework_count_control_failed" + labels)).isEqualTo(failed);
    }
    for (ControlResult c : SAMPLES.controls()) {
      String labels =
          "{name=\"%s\",severity=\"%s\",link=\"https://hub.armosec.io/docs/%s\"}"
              .formatted(
                  c.control().name(),
                  ControlSpec.severityOf(c.control().baseScore()),
                  c.control().id().toLowerCase());
      assertThat(m.get("kubescape_control_count_resources_failed" + labels))
          .isEqualTo(c.count(Status.FAILED));
      assertThat(m.get("kubescape_control_count_resources_passed" + labels))
          .isEqualTo(c.count(Status.PASSED) + c.count(Status.EXCEPTED));
      assertThat(m.get("kubescape_control_complianceScore" + labels))
          .isEqualTo(PrometheusText.toInt(c.scores().compliance()));
    }
  }

  @Test
  void listsFailedControlsFirstThenPassedThenSkipped() {
    List<String> statuses = new ArrayList<>();
    Map<String, Status> byLink = new HashMap<>();
    SAMPLES.controls().forEach(c -> byLink.put(PrometheusText.link(c.control().id()), c.status()));
    for (String l : PrometheusText.render(SAMPLES).split("\n")) {
      if (l.startsWith("kubescape_control_complianceScore{")) {
        Matcher link = Pattern.compile("link=\"([^\"]*)\"").matcher(l);
        assertThat(link.find()).isTrue();
        statuses.add(byLink.get(link.group(1)).name());
      }
    }

    assertThat(statuses).contains("FAILED", "PASSED");
    assertThat(String.join(" ", statuses)).matches("(FAILED ?)*(PASSED ?)*(SKIPPED ?)*");
  }

  @Test
  void countsExceptedResourcesAsPassed() {
    var pods =
        ManifestReader.readText(
            """
            {apiVersion: v1, kind: Pod, metadata: {name: a, namespace: x}, spec: {hostNetwork: true, containers: [{name: c, image: i}]}}
            ---
            {apiVersion: v1, kind: Pod, metadata: {name: b, namespace: x}, spec: {hostNetwork: true, containers: [{name: c, image: i}]}}
            ---
            {apiVersion: v1, kind: Pod, metadata: {name: c, namespace: x}, spec: {containers: [{name: c, image: i}]}}
            """,
            "t.yaml");
    PostureException allowB =
        new PostureException(
            "allow-b",
            List.of(Map.of("kind", "Pod", "name", "b")),
            List.of(Map.of("controlID", "C-0041")));
    ScanReport r =
        SampleScans.scan(
            pods, new ScanOptions(List.of(), List.of("C-0041"), Map.of(), List.of(allowB)));

    String text = PrometheusText.render(r, ResourceMetrics.INCLUDE);

    assertThat(text)
        .contains("kubescape_cluster_count_resources_failed{} 1\n")
        .contains("kubescape_cluster_count_resources_passed{} 2\n")
        .containsPattern("kubescape_control_count_resources_failed\\{name=[^}]*} 1\n")
        .containsPattern("kubescape_control_count_resources_passed\\{name=[^}]*} 2\n")
        .contains(
            "kubescape_resource_count_controls_failed"
                + "{apiVersion=\"v1\",kind=\"Pod\",namespace=\"x\",name=\"a\"} 1\n")
        .contains(
            "kubescape_resource_count_controls_failed"
                + "{apiVersion=\"v1\",kind=\"Pod\",namespace=\"x\",name=\"b\"} 0\n");
  }

  @Test
  void escapesQuotesBackslashesAndNewlinesInLabelValues() {
    ResourceTable table = new ResourceTable();
    Map<String, Object> pod =
        Map.of(
            "apiVersion", "v1",
            "kind", "Pod",
            "metadata", Map.of("name", "we\"ird\\pod", "namespace", "line\nbreak"));
    int at = table.add(Resource.of(pod, "t.yaml"));
    ControlSpec spec =
        new ControlSpec(
            "CIS-1.2.3",
            "say \"hi\" \\ then\nleave",
            7.5,
            null,
            null,
            null,
            null,
            List.of("r"),
            null,
            null);
    BitSet evaluated = new BitSet();
    evaluated.set(at);
    ControlResult failed =
        new ControlResult(
            spec,
            Status.FAILED,
            table,
            evaluated,
            Map.of(table.get(at).id(), Status.FAILED),
            (BitSet) evaluated.clone(),
            Map.of(),
            Map.of(),
            new ControlResult.Scores(100, 0, 7.5, 7.5));
    ScanReport report =
        new ScanReport(
            table,
            List.of(failed),
            List.of(new ScanReport.FrameworkSummary("my \"fw\"", "", List.of("CIS-1.2.3"), 100, 0)),
            100,
            0,
            List.of());

    String text = PrometheusText.render(report, ResourceMetrics.INCLUDE);

    assertThat(text)
        .isEqualTo(
            """
            kubescape_cluster_complianceScore{} 0
            kubescape_cluster_count_resources_failed{} 1
            kubescape_cluster_count_resources_skipped{} 0
            kubescape_cluster_count_resources_passed{} 0
            kubescape_cluster_count_control_failed{} 1
            kubescape_cluster_count_control_skipped{} 0
            kubescape_cluster_count_control_passed{} 0
            kubescape_framework_complianceScore{name="my \\"fw\\""} 0
            kubescape_framework_count_resources_failed{name="my \\"fw\\""} 1
            kubescape_framework_count_resources_skipped{name="my \\"fw\\""} 0
            kubescape_framework_count_resources_passed{name="my \\"fw\\""} 0
            kubescape_framework_count_control_failed{name="my \\"fw\\""} 1
            kubescape_framework_count_control_skipped{name="my \\"fw\\""} 0
            kubescape_framework_count_control_passed{name="my \\"fw\\""} 0
            kubescape_control_complianceScore{name="say \\"hi\\" \\\\ then\\nleave",severity="High",link="https://hub.armosec.io/docs/cis-1-2-3"} 0
            kubescape_control_count_resources_failed{name="say \\"hi\\" \\\\ then\\nleave",severity="High",link="https://hub.armosec.io/docs/cis-1-2-3"} 1
            kubescape_control_count_resources_skipped{name="say \\"hi\\" \\\\ then\\nleave",severity="High",link="https://hub.armosec.io/docs/cis-1-2-3"} 0
            kubescape_control_count_resources_passed{name="say \\"hi\\" \\\\ then\\nleave",severity="High",link="https://hub.armosec.io/docs/cis-1-2-3"} 0
            kubescape_resource_count_controls_failed{apiVersion="v1",kind="Pod",namespace="line\\nbreak",name="we\\"ird\\\\pod"} 1
            kubescape_resource_count_controls_skipped{apiVersion="v1",kind="Pod",namespace="line\\nbreak",name="we\\"ird\\\\pod"} 0
            """);
    assertThat(text.split("\n")).allSatisfy(l -> assertThat(l).matches(LINE));
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "62.5, 63",
    "62.49, 62",
    "99.5, 100",
    "0.49999997, 0",
    // narrowed to float32 first, as Go's float32 score is: 2.4999999999 becomes 2.5
    "2.4999999999, 3",
    "100, 100"
  })
  void roundsScoresAsKubescapesFloat32ToInt(double score, long expected) {
    assertThat(PrometheusText.toInt(score)).isEqualTo(expected);
  }

  @Test
  void buildsTheDocumentationLinkFromTheControlId() {
    assertThat(PrometheusText.link("C-0057")).isEqualTo("https://hub.armosec.io/docs/c-0057");
    assertThat(PrometheusText.link("CIS-1.1.3")).isEqualTo("https://hub.armosec.io/docs/cis-1-1-3");
  }

  /** sample (name and labels, exactly as written) to value. */
  private static Map<String, Long> samples(String text) {
    Map<String, Long> out = new HashMap<>();
    for (String l : text.split("\n")) {
      int space = l.lastIndexOf(' ');
      out.put(l.substring(0, space), Long.parseLong(l.substring(space + 1)));
    }
    return out;
  }
}
