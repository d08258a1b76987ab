package io.kso.suite.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kso.suite.process.JvmFlags;
import io.kso.suite.process.ServiceImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubevuln hashes layers with NSS inside its image: the base image ships NSS, the JRE's PKCS#11
 * provider loads it there as uid 65532, and the SBOM of a real image (our own base image, as a
 * {@code docker save} tar) comes out under the chart's C1-only flags.
 */
class KubevulnImageNssIT {
  @TempDir Path work;

  @Test
  void kubevulnHashesTheLayersOfAnImageWithNss() throws Exception {
    assumeTrue(
        ServiceImage.whyNotRunnable().isEmpty(),
        () -> "cannot run images here: " + ServiceImage.whyNotRunnable().get());
    Path baseImage = ImageTar.projectDir().resolve("images/target/base-image.tar");
    assertThat(baseImage).as("the base image is built with the service images").isRegularFile();
    Path log = work.resolve("kubevuln.log");

    try (ServiceImage image =
        ServiceImage.unpack(ImageTar.path("kubevuln"), work.resolve("kubevuln"))) {
      Map<String, String> env =
          Map.of(
              "JAVA_TOOL_OPTIONS",
              JvmFlags.javaToolOptions(JvmFlags.withMemoryLimit(JvmFlags.SERVICE, "256m")),
              // a file on this machine: copied into the rootfs, and the variable points there
              "KUBEVULN_CLI_LOG_LEVEL",
              "INFO",
              "IMAGE_TAR",
              baseImage.toString());
      String inImage = "/etc/kso-suite/IMAGE_TAR/" + baseImage.getFileName();
      Process process =
          image.start(env, List.of("sbom", inImage, "--output", "/home/nonroot/sbom.json"), log);
      assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("sbom finishes, log %s", log).isTrue();
      assertThat(process.exitValue()).as("exit code, log %s", log).isZero();

      assertThat(Files.readString(log)).contains("blobs are hashed by NSS");
      String sbom = Files.readString(image.rootfs().resolve("home/nonroot/sbom.json"));
      assertThat(sbom).contains("\"libnss3\"").contains("\"openjdk-17-jre-headless\"");
    } catch (IOException e) {
      throw new AssertionError("log: " + (Files.exists(log) ? Files.readString(log) : ""), e);
    }
  }
}
