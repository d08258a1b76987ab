package io.kso.kubevuln.adapter.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.common.message.WireJson;
import io.kso.kubevuln.match.Match;
import io.kso.kubevuln.match.MatchedBy;
import io.kso.kubevuln.match.PackageRef;
import io.kso.kubevuln.osv.Severity;
import io.kso.kubevuln.service.ScanJob;
import io.kso.kubevuln.service.ScanResult;
import io.kso.kubevuln.store.StoreStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
  private static final String DIGEST = "sha256:" + "1".repeat(64);

  @Test
  void vulnerabilitiesGoInChunksOfAboutThirtyKilobytesAfterTheSummary() {
    List<Map<String, Object>> messages = ContainerScanChunks.of(result(400), "acc-1", "c1");

    assertThat(messages.get(0)).containsKey("summary");
    assertThat(messages.get(0).get("vulnerabilities")).isEqualTo(List.of());
    assertThat(messages.size()).isGreaterThan(3);
    for (int i = 1; i < messages.size(); i++) {
      assertThat(WireJson.write(messages.get(i).get("vulnerabilities")).length)
          .isLessThanOrEqualTo(ContainerScanChunks.CHUNK_BYTES + 2_000);
      assertThat(messages.get(i).get("paginationInfo"))
          .isEqualTo(Map.of("chunkNumber", i, "isLastChunk", i == messages.size() - 1));
    }
    int total = messages.stream().mapToInt(m -> ((List<?>) m.get("vulnerabilities")).size()).sum();
    assertThat(total).isEqualTo(400);
    @SuppressWarnings("unchecked")
    Map<String, Object> attributes =
        (Map<String, Object>)
            ((Map<String, Object>) messages.get(0).get("designators")).get("attributes");
    assertThat(attributes)
        .containsEntry("namespace", "apps")
        .containsEntry("kind", "deployment")
        .containsEntry("name", "app")
        .containsEntry("containerName", "app")
        .containsEntry("customerGUID", "acc-1");
  }

  @Test
  void aCleanImageIsOneMessageMarkedLast() {
    List<Map<String, Object>> messages = ContainerScanChunks.of(result(0), "acc-1", "c1");

    assertThat(messages)
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.get("paginationInfo"))
                    .isEqualTo(Map.of("chunkNumber", 0, "isLastChunk", true)));
  }

  @Test
  void keptLocallyTheLatestResultOfAnImageIsServedByDigest(@TempDir Path dir) {
    LocalReports local = new LocalReports(dir);
    local.results(result(2));

    assertThat(local.result(DIGEST))
        .hasValueSatisfying(json -> assertThat(json).contains("CVE-2026-1"));
    assertThat(local.result("sha256:" + "2".repeat(64))).isEmpty();
    assertThat(local.result("../etc/passwd")).isEmpty();
  }

  private static ScanResult result(int matches) {
    ScanJob job =
        new ScanJob(
            ScanJob.Kind.WORKLOAD_IMAGE,
            "registry.example/app@" + DIGEST,
            DIGEST,
            "registry.example/app:1",
            "wlid://cluster-c1/namespace-apps/deployment-app",
            "app",
            "job-1",
            "parent-1",
            1,
            List.of(),
            Map.of());
    List<Match> list =
        IntStream.range(0, matches)
            .mapToObj(
                i ->
                    new Match(
                        "GHSA-" + i,
                        List.of("CVE-2026-" + i),
                        "a long enough summary of the problem number " + i,
                        new Severity(Severity.Level.HIGH, 7.5, "CVSS:3.1/AV:N"),
                        new PackageRef(
                            "npm", "pkg" + i, "1.0." + i, "pkg:npm/pkg" + i + "@1.0." + i, "", ""),
                        "1.1.0",
                        new MatchedBy(
                            "GHSA-" + i,
                            "npm",
                            "pkg" + i,
                            "package",
                            "1.0." + i,
                            "range",
                            "SEMVER [0, 1.1.0)",
                            "npm")))
            .toList();
    StoreStatus data =
        new StoreStatus(
            Instant.parse("2026-11-26T00:00:00Z"),
            Instant.parse("2026-11-25T00:00:00Z"),
            10,
            Map.of("npm", 10L),
            List.of(),
            1000,
            Duration.ofHours(1),
            Duration.ofDays(7),
            false);
    return new ScanResult(job, DIGEST, 5, list, data, Instant.parse("2026-11-26T10:00:00Z"));
  }
}
