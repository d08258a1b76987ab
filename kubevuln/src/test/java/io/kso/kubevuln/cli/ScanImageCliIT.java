package io.kso.kubevuln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubevuln.testing.CliRun;
import io.kso.kubevuln.testing.OsvFiles;
import io.kso.kubevuln.testing.TestImage;
import io.kso.kubevuln.testing.TestLayer;
import io.kso.kubevuln.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan} takes an image as well as an SBOM: pulled from docker-registry, or from a tar. */
class ScanImageCliIT {
  @TempDir Path dir;

  @Test
  void scansAnImageReferenceAndADockerArchive() throws Exception {
    Path osv =
        OsvFiles.write(
            dir.resolve("osv/lodash.json"), OsvFiles.record("GHSA-img", "lodash", "4.17.21"));
    String db = dir.resolve("db").toString();
    assertThat(CliRun.of("db", "import", "--db", db, osv.toString()).exitCode()).isZero();

    try (TestRegistry registry =
        TestRegistry.start(Files.createDirectories(dir.resolve("registry")))) {
      String ref = registry.push(image(), "team/app", "1.0");

      CliRun byRef =
          CliRun.of(
              "scan",
              "--db",
              db,
              "--insecure-registry",
              "--format",
              "json",
              "--fail-on",
              "high",
              ref);

      assertThat(byRef.exitCode()).as(byRef.err()).isEqualTo(1);
      assertThat(ids(byRef)).containsExactly("GHSA-img");
    }

    Path archive = image().writeDockerArchive(dir.resolve("app.tar"));
    CliRun byArchive = CliRun.of("scan", "--db", db, "--format", "json", archive.toString());
    assertThat(byArchive.exitCode()).as(byArchive.err()).isZero();
    assertThat(ids(byArchive)).containsExactly("GHSA-img");
  }

  private static TestImage image() {
    return TestImage.of(
        new TestLayer()
            .file(
                "srv/node_modules/lodash/package.json",
                "{\"name\":\"lodash\",\"version\":\"4.17.20\"}"));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> ids(CliRun run) {
    return ((List<Map<String, Object>>) run.json().get("matches"))
        .stream().map(m -> ((Map<String, Object>) m.get("vulnerability")).get("id")).toList();
  }
}
