package io.kso.suite.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kso.suite.SuiteLayout;
import io.kso.suite.cluster.LocalCluster;
import io.kso.suite.process.JvmFlags;
import io.kso.suite.process.ServiceImage;
import io.kso.suite.process.ServiceProcess;
import io.kso.suite.process.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Starts every service image the way a container runtime would, without one: its layers unpacked
 * into a rootfs, its entrypoint run there as uid 65532 in a private mount and pid namespace (with
 * /proc, /dev and a tmpfs /tmp), its environment plus the pod's (a clusterData file at $CONFIG, a
 * service account for a local API server over TLS, ports) and the chart's JVM flags in
 * JAVA_TOOL_OPTIONS. Each must become ready, and its JVM must have mapped the image's AppCDS
 * archive and loaded the application from it. Needs root for unshare, mount and chroot.
 */
class ImageRunsIT {
  /** Where the JVM logs class loading: in the container's /tmp, read through /proc/PID/root. */
  private static final String CLASS_LOG = "/tmp/class-load.log";

  @TempDir static Path work;
  private static LocalCluster cluster;
  private static List<ServiceSpec> services;

  @BeforeAll
  static void cluster() {
    assumeTrue(
        ServiceImage.whyNotRunnable().isEmpty(),
        () -> "ImageRunsIT cannot run images here: " + ServiceImage.whyNotRunnable().get());
    cluster = LocalCluster.startWithTls(0, SuiteLayout.NAMESPACE);
    services =
        new SuiteLayout(ImageTar.projectDir(), work)
            .services(cluster.writeServiceAccount(work.resolve("sa"), SuiteLayout.NAMESPACE));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static Stream<String> modules() {
    return Stream.of("gateway", "operator", "kubevuln", "kubescape-svc", "kollector");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modules")
  void imageBecomesReadyAsUid65532FromItsCdsArchiveAndAotCode(String module) throws IOException {
    ServiceSpec spec =
        services.stream().filter(s -> s.name().equals(module)).findFirst().orElseThrow();
    List<String> flags = new ArrayList<>(JvmFlags.withMemoryLimit(JvmFlags.SERVICE, "256m"));
    flags.add("-Xlog:class+load=info:file=" + CLASS_LOG);

    try (ServiceImage image = ServiceImage.unpack(ImageTar.path(module), work.resolve(module));
        ServiceProcess service =
            ServiceProcess.startImage(spec, image, flags, work.resolve("logs"))) {
      assertThat(service.awaitReady(Duration.ofMinutes(3)))
          .as("%s readiness %s, log %s", module, spec.readiness(), service.log())
          .isPresent();
      Path proc = Path.of("/proc", Long.toString(service.pid()));

      assertThat(Files.readAllLines(proc.resolve("status")))
          .anySatisfy(line -> assertThat(line).matches("Uid:\\s+65532\\s+65532\\s+65532.*"));
      assertThat(Files.readAllLines(proc.resolve("maps")))
          .as("the JVM maps the image's archive")
          .anySatisfy(line -> assertThat(line).endsWith(JvmFlags.IMAGE_ARCHIVE));
      String mainClass = image.entrypoint().get(image.entrypoint().size() - 1);
      List<String> classLoads = Files.readAllLines(proc.resolve("root" + CLASS_LOG));
      assertThat(classLoads)
          .as("the main class comes from the archive trained for this image (the top layer)")
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains(" " + mainClass + " source: shared objects file (top)"));
      assertThat(classLoads.stream().filter(line -> line.contains("file (top)")).count())
          .as("classes loaded from the trained archive")
          .isGreaterThan(2000);
      assertThat(classLoads)
          .as(
              "the context comes from the bean definitions Spring AOT generated at build time,"
                  + " which the archive holds (the training started the AOT way)")
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains(
                          " "
                              + mainClass
                              + "__ApplicationContextInitializer source: shared objects file"));
      assertThat(Files.readAllLines(service.log()))
          .as("the service reports its AOT start")
          .anySatisfy(line -> assertThat(line).contains("\"aot\":true"));
    }
  }
}
