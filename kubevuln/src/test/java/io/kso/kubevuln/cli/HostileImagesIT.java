package io.kso.kubevuln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubevuln.image.Blobs;
import io.kso.kubevuln.testing.CliRun;
import io.kso.kubevuln.testing.TestImage;
import io.kso.kubevuln.testing.TestLayer;
import io.kso.kubevuln.testing.TestRegistry;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile images pulled from a real registry end in exit code 1 and one clear line. */
class HostileImagesIT {
  @TempDir static Path temp;
  static TestRegistry registry;

  @BeforeAll
  static void startRegistry() {
    registry = TestRegistry.start(temp);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  private static CliRun scan(TestImage image, String name, String... extra) {
    String ref = registry.push(image, "hostile/" + name, "1");
    String[] args = new String[3 + extra.length];
    args[0] = "sbom";
    args[1] = ref;
    args[2] = "--insecure-registry";
    System.arraycopy(extra, 0, args, 3, extra.length);
    return CliRun.of(args);
  }

  @Test
  void pathTraversal() {
    CliRun run = scan(TestImage.of(new TestLayer().file("../../../tmp/pwned", "x")), "traversal");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("kubevuln sbom: ").contains("path traversal");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void symlinkEscape() {
    CliRun run =
        scan(
            TestImage.of(
                new TestLayer().symlink("etc/os-release", "../../../../../etc/os-release")),
            "symlink");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("symlink escape");
  }

  @Test
  void oversizedLayer() {
    CliRun run =
        scan(
            TestImage.of(
                new TestLayer()
                    .file("blob", new byte[2 * 1024 * 1024], 0644)
                    .compression(TestLayer.Compression.NONE)),
            "oversized",
            "--max-image-size",
            "1MiB");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("larger than the limit of 1048576 bytes");
  }

  @Test
  void gzipBomb() throws IOException {
    byte[] bomb = TestLayer.gzippedTarOfZeros(300L * 1024 * 1024);
    var image =
        TestImage.of(new TestLayer().file("x", "x"))
            .withLayerBlob(
                0,
                new TestImage.Blob(
                    "application/vnd.oci.image.layer.v1.tar+gzip",
                    Blobs.sha256(bomb),
                    bomb,
                    bomb.length));
    CliRun run = scan(image, "bomb");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("decompression bomb");
  }
}
