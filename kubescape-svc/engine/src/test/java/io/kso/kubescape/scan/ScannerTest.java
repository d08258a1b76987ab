package io.kso.kubescape.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.input.ManifestReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Statuses, exceptions and Kubescape's scores on a small, known input. */
class ScannerTest {
  static final Bundle BUNDLE = BundleLoader.embedded();
  static final Scanner SCANNER = new Scanner(BUNDLE);

  static List<Resource> pods() {
    return ManifestReader.readText(
            """
            {apiVersion: v1, kind: Pod, metadata: {name: a, namespace: x}, spec: {hostNetwork: true, containers: [{name: c, image: i}]}}
            ---
            {apiVersion: v1, kind: Pod, metadata: {name: b, namespace: x}, spec: {containers: [{name: c, image: i}]}}
            ---
            {apiVersion: apps/v1, kind: Deployment, metadata: {name: d, namespace: x}, spec: {replicas: 4, template: {spec: {hostNetwork: true, containers: [{name: c, image: i}]}}}}
            """,
            "t.yaml")
        .resources();
  }

  @Test
  void scoresAControlTheWayKubescapeDoes() {
    ScanReport r =
        SCANNER.scan(pods(), new ScanOptions(List.of(), List.of("C-0041"), Map.of(), List.of()));

    ControlResult c = r.controls().get(0);
    assertThat(c.status()).isEqualTo(Status.FAILED);
    assertThat(c.count(Status.FAILED)).isEqualTo(2);
    assertThat(c.count(Status.PASSED)).isEqualTo(1);
    // weights: a=1, b=1, d=4 replicas x 1.1 = 4.4; risk = 100 * (1 + 4.4) / 6.4
    assertThat(c.scores().risk())
        .isCloseTo(100 * 5.4 / 6.4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(c.scores().compliance())
        .isCloseTo(100.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.riskScore())
        .isCloseTo(c.scores().risk(), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void exceptedResourcesAreReportedAsExceptedAndCountAsPassed() {
    PostureException ex =
        new PostureException(
            "allow-d",
            List.of(Map.of("kind", "Deployment", "name", "d")),
            List.of(Map.of("controlID", "C-0041")));
    ScanReport r =
        SCANNER.scan(pods(), new ScanOptions(List.of(), List.of("C-0041"), Map.of(), List.of(ex)));

    ControlResult c = r.controls().get(0);
    assertThat(c.resources()).containsEntry("apps/v1/x/Deployment/d", Status.EXCEPTED);
    assertThat(c.exceptions()).containsEntry("apps/v1/x/Deployment/d", "allow-d");
    assertThat(c.findings()).containsKey("apps/v1/x/Deployment/d");
    assertThat(c.scores().risk())
        .isCloseTo(100 * 1 / 6.4, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aFrameworkScoresOverItsControlsAndSkipsUnevaluableOnes() {
    ScanReport r =
        SCANNER.scan(pods(), new ScanOptions(List.of("NSA"), List.of(), Map.of(), List.of()));

    ScanReport.FrameworkSummary nsa = r.frameworks().get(0);
    assertThat(nsa.name()).isEqualTo("NSA");
    List<ControlResult> scored =
        r.controls().stream().filter(c -> c.status() != Status.SKIPPED).toList();
    double mean = scored.stream().mapToDouble(c -> c.scores().compliance()).average().orElse(0);
    assertThat(nsa.complianceScore()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.controls()).anyMatch(c -> c.control().id().equals("C-0057"));
  }

  @Test
  void aScanOfNoResourcesIsNotScannedAndHasNoPass() {
    ScanReport r = SCANNER.scan(List.of(), ScanOptions.allFrameworks());

    assertThat(r.scanned()).isFalse();
    assertThat(r.status()).isEqualTo(Status.SKIPPED);
    assertThat(r.skipReason()).isEqualTo(Scanner.NOTHING_SCANNED);
    assertThat(r.controls())
        .isNotEmpty()
        .allSatisfy(
            c -> {
              assertThat(c.status()).isEqualTo(Status.SKIPPED);
              assertThat(c.skipReason()).isEqualTo(Scanner.NO_OBJECTS);
            });
    assertThat(r.frameworks()).isNotEmpty().noneMatch(ScanReport.FrameworkSummary::scored);
  }

  @Test
  void aScanWhoseEveryControlIsSkippedIsNotScanned() {
    Bundle noRules =
        BundleLoader.load(
            List.of(
                Map.of(
                    "bundle.yaml", "version: t\n",
                    "controls/C-9999.yaml",
                        "id: C-9999\nname: Needs a missing rule\nrules: [absent]\n")));

    ScanReport r =
        new Scanner(noRules)
            .scan(pods(), new ScanOptions(List.of(), List.of("C-9999"), Map.of(), List.of()));

    assertThat(r.scanned()).isFalse();
    assertThat(r.skipReason()).isEqualTo(Scoring.NO_CONTROL_EVALUATED);
    assertThat(r.controls().get(0).skipReason()).isEqualTo(Scanner.NOT_IN_BUNDLE);
  }

  @Test
  void aScanWithResultsHasAStatusAndNoSkipReason() {
    ScanReport r =
        SCANNER.scan(pods(), new ScanOptions(List.of(), List.of("C-0041"), Map.of(), List.of()));

    assertThat(r.scanned()).isTrue();
    assertThat(r.skipReason()).isEmpty();
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.controls().get(0).skipReason()).isEmpty();
  }
}
