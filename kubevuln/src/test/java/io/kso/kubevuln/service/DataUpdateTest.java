package io.kso.kubevuln.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kso.kubevuln.sbom.PackageType;
import io.kso.kubevuln.sbom.Purls;
import io.kso.kubevuln.sbom.Sbom;
import io.kso.kubevuln.sbom.SbomPackage;
import io.kso.kubevuln.service.port.ImageSboms;
import io.kso.kubevuln.service.port.ScanReports;
import io.kso.kubevuln.testing.OsvFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New vulnerability data re-matches the cached SBOMs without pulling any image; a corrupt data file
 * or a bad zip keeps the data in use.
 */
class DataUpdateTest {
  private static final String DIGEST = "sha256:" + "f".repeat(64);
  @TempDir Path dir;
  private final AtomicInteger pulls = new AtomicInteger();
  private final List<ScanResult> results = new CopyOnWriteArrayList<>();
  private final List<String> steps = new CopyOnWriteArrayList<>();
  private VulnData data;
  private ScanService service;
  private DataRefresh refresh;
  private Path good;

  @BeforeEach
  void setUp() {
    good =
        OsvFiles.write(
            dir.resolve("osv/lodash.json"), OsvFiles.record("GHSA-1", "lodash", "4.17.21"));
    data = new VulnData(dir.resolve("db"), Duration.ofDays(7), Clock.systemUTC());
    ImageSboms sboms =
        job -> {
          pulls.incrementAndGet();
          return new Sbom(
              job.image(),
              DIGEST,
              null,
              List.of(npm("lodash", "4.17.20"), npm("minimist", "1.2.5")));
        };
    ScanReports reports =
        new ScanReports() {
          @Override
          public void status(ScanJob job, String step, String error) {
            steps.add(error == null ? step : "failed: " + error);
          }

          @Override
          public void results(ScanResult result) {
            results.add(result);
          }
        };
    service =
        new ScanService(
            sboms, new SbomCache(dir.resolve("sbom"), 10), data, reports, Clock.systemUTC());
  }

  @Test
  void withoutDataAScanFailsWithNoData() {
    assertThatThrownBy(() -> service.scan(job()))
        .isInstanceOfSatisfying(
            ScanException.class,
            e -> assertThat(e.reason()).isEqualTo(ScanException.Reason.NO_DATA));
  }

  @Test
  void newDataIsMatchedAgainstCachedSbomsWithoutPulling() {
    assertThat(refresh(good)).isTrue();
    service.scan(job());
    assertThat(results)
        .singleElement()
        .satisfies(r -> assertThat(ids(r)).containsExactly("GHSA-1"));

    Path more =
        OsvFiles.write(
            dir.resolve("osv/minimist.json"), OsvFiles.record("GHSA-2", "minimist", "1.2.6"));
    assertThat(refresh(good, more)).isTrue();

    assertThat(results).hasSize(2);
    assertThat(ids(results.get(1))).containsExactlyInAnyOrder("GHSA-1", "GHSA-2");
    assertThat(results.get(1).job().jobId()).isEqualTo("job-1");
    assertThat(pulls).hasValue(1);
  }

  @Test
  void aCorruptFileOrABadZipKeepsTheDataInUse() throws Exception {
    assertThat(refresh(good)).isTrue();
    long records = data.status().orElseThrow().records();
    Path corrupt =
        Files.writeString(dir.resolve("corrupt.json"), "{\"id\": \"GHSA-3\", \"affected\": [");
    Path badZip = Files.write(dir.resolve("bad.zip"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});

    assertThat(refresh(corrupt)).isFalse();
    assertThat(refresh(badZip)).isFalse();

    assertThat(data.status().orElseThrow().records()).isEqualTo(records);
    service.scan(job());
    assertThat(ids(results.get(0))).containsExactly("GHSA-1");
  }

  private boolean refresh(Path... sources) {
    refresh =
        new DataRefresh(
            data,
            service,
            java.util.Arrays.stream(sources).map(Path::toString).toList(),
            Duration.ZERO);
    return refresh.refresh();
  }

  private static List<String> ids(ScanResult r) {
    return r.matches().stream().map(m -> m.vulnerabilityId()).toList();
  }

  private static ScanJob job() {
    return new ScanJob(
        ScanJob.Kind.WORKLOAD_IMAGE,
        "registry.example/app@" + DIGEST,
        DIGEST,
        "registry.example/app:1",
        "wlid://cluster-c1/namespace-apps/deployment-app",
        "app",
        "job-1",
        null,
        0,
        List.of(),
        Map.of());
  }

  private static SbomPackage npm(String name, String version) {
    SbomPackage p =
        SbomPackage.of(
            name, version, PackageType.NPM, "/app/node_modules/" + name + "/package.json");
    return p.withPurl(Purls.of(p, null));
  }
}
