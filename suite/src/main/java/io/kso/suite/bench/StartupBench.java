package io.kso.suite.bench;

import io.kso.suite.SuiteLayout;
import io.kso.suite.cluster.LocalCluster;
import io.kso.suite.process.JvmFlags;
import io.kso.suite.process.ServiceImage;
import io.kso.suite.process.ServiceProcess;
import io.kso.suite.process.ServiceProcess.HostCds;
import io.kso.suite.process.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures what a pod of each service costs: time from start to a ready readiness probe, and
 * resident memory of the JVM once idle; and for http-request, start-to-exit time and peak memory of
 * one POST. Services run one at a time, each started as its image starts it: from the image itself
 * when it can ({@code --mode image}, needs root), else on this machine's JVM with the same flags
 * and an archive trained here ({@code --mode host}). See docs/footprint.md.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure each service's time to ready and idle RSS, and http-request's run time and peak RSS.")
public final class StartupBench implements Callable<Integer> {
  /** The footprint targets of the foundation issue. */
  static final double READY_TARGET_SECONDS = 2.5;

  static final double RSS_TARGET_MIB = 160;
  private static final Pattern JAVA_VERSION = Pattern.compile("using Java ([0-9][^ ]*)");

  /** How each service is started. */
  enum Mode {
    /** The image if it can be run here (root, image tar built), else the host. */
    auto,
    /** The image: its rootfs, its JVM, its entrypoint, as uid 65532 (needs root). */
    image,
    /** This machine's JVM, Boot's extracted jar, an AppCDS archive trained here, same flags. */
    host
  }

  @Option(
      names = "--project-dir",
      description = "The checkout (default: the current directory).",
      defaultValue = ".")
  Path projectDir;

  @Option(
      names = "--runs",
      description =
          "Measured runs per service, after one unmeasured warm-up run; the median is reported"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "5")
  int runs;

  @Option(
      names = "--settle",
      description =
          "How long a ready service idles before its RSS is read (default: ${DEFAULT-VALUE}).",
      defaultValue = "PT5S")
  Duration settle;

  @Option(
      names = "--memory-limit",
      description =
          "The container memory limit each service JVM sizes itself from (-XX:MaxRAM;"
              + " default: ${DEFAULT-VALUE}).",
      defaultValue = "256m")
  String memoryLimit;

  @Option(
      names = "--mode",
      description = "auto, image or host (default: ${DEFAULT-VALUE}).",
      defaultValue = "auto")
  Mode mode;

  @Option(names = "--services", split = ",", description = "Which services (default: all five).")
  List<String> only;

  @Option(names = "--skip-http-request", description = "Measure the services only.")
  boolean skipHttpRequest;

  @Option(
      names = "--wait-idle",
      description =
          "Before each run, wait up to this long until the machine's CPUs were at least 90%% idle"
              + " for 2 s (default: ${DEFAULT-VALUE}, do not wait). For shared machines.",
      defaultValue = "PT0S")
  Duration waitIdle;

  @Option(
      names = "--jvm-flag",
      description =
          "A flag to add to the chart's JAVA_TOOL_OPTIONS, to try one out (repeatable; e.g."
              + " -Dspring.main.lazy-initialization=true).")
  List<String> extraFlags = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path project = projectDir.toAbsolutePath().normalize();
    Path work = Files.createTempDirectory("kso-bench");
    List<String> flags = new ArrayList<>(JvmFlags.withMemoryLimit(JvmFlags.SERVICE, memoryLimit));
    flags.addAll(extraFlags);
    Optional<String> noImages = ServiceImage.whyNotRunnable();
    if (mode == Mode.image && noImages.isPresent()) {
      System.out.println("--mode image: cannot run images here: " + noImages.get());
      return 2;
    }
    System.out.printf(
        "date: %s%nJAVA_TOOL_OPTIONS (chart): %s%nimage flags (entrypoint): %s%n"
            + "runs: %d measured + 1 warm-up, settle: %s, suite java: %s, cpus: %d%nlogs: %s%n",
        OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS),
        JvmFlags.javaToolOptions(flags),
        String.join(" ", JvmFlags.IMAGE),
        runs,
        settle,
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        work.resolve("logs"));
    if (mode == Mode.auto && noImages.isPresent()) {
      System.out.println("note: running on the host, not from the images: " + noImages.get());
    }
    System.out.printf(
        "%n%-14s %-5s %-10s %9s %9s %7s %9s %9s  %-14s %s%n",
        "SERVICE",
        "MODE",
        "JAVA",
        "READY med",
        "READY max",
        "CPU med",
        "RSS med",
        "RSS max",
        "LOADAVG",
        "TARGET (<=2.5 s, <=160 MiB)");
    boolean allReady = true;
    try (LocalCluster cluster = LocalCluster.startWithTls(0, SuiteLayout.NAMESPACE);
        Cleanup extracted = new Cleanup(work.resolve("extracted"))) {
      SuiteLayout layout = new SuiteLayout(project, work);
      Map<String, String> serviceAccount =
          cluster.writeServiceAccount(work.resolve("serviceaccount"), SuiteLayout.NAMESPACE);
      for (ServiceSpec spec : layout.services(serviceAccount)) {
        if (only != null && !only.contains(spec.name())) {
          continue;
        }
        allReady &= measure(spec, flags, work, project);
      }
    }
    if (skipHttpRequest) {
      return allReady ? 0 : 1;
    }
    System.out.println();
    HttpRequestBench.Result client =
        new HttpRequestBench(project.resolve("http-request/target/http-request.jar"), runs).run();
    System.out.printf(
        "%-14s %9s %9s %9s  %-14s %s%n",
        "CLIENT", "RUN med", "RUN max", "PEAK RSS", "LOADAVG", "TARGET (<=1.5 s, <=80 MiB)");
    System.out.printf(
        "%-14s %8.2fs %8.2fs %6.1fMiB  %-14s %s%n",
        "http-request",
        client.medianSeconds(),
        client.maxSeconds(),
        client.maxPeakRssMib(),
        loadavg(),
        client.medianSeconds() <= 1.5 && client.maxPeakRssMib() <= 80 ? "met" : "MISSED");
    return allReady && client.allSucceeded() ? 0 : 1;
  }

  private boolean measure(ServiceSpec spec, List<String> flags, Path work, Path project)
      throws InterruptedException {
    Path imageTar = project.resolve(spec.name()).resolve("target/jib-image.tar");
    boolean fromImage = mode != Mode.host && ServiceImage.whyNotRunnable().isEmpty();
    if (fromImage && !Files.isRegularFile(imageTar)) {
      if (mode == Mode.image) {
        System.out.printf("%-14s no image at %s: build it first%n", spec.name(), imageTar);
        return false;
      }
      System.out.printf("%-14s (no image at %s: on the host)%n", spec.name(), imageTar);
      fromImage = false;
    }
    Path logs = work.resolve("logs");
    try (ServiceImage image =
        fromImage ? ServiceImage.unpack(imageTar, work.resolve("image-" + spec.name())) : null) {
      List<Double> readySeconds = new ArrayList<>();
      List<Double> rssMib = new ArrayList<>();
      List<Double> cpuSeconds = new ArrayList<>();
      String java = "?";
      for (int run = -1; run < runs; run++) {
        boolean warmUp = run < 0;
        if (!warmUp) {
          CpuIdle.await(waitIdle);
        }
        try (ServiceProcess service =
            image != null
                ? ServiceProcess.startImage(spec, image, flags, logs)
                : ServiceProcess.start(
                    spec, flags, logs, warmUp ? HostCds.USE_OR_TRAIN : HostCds.USE)) {
          Optional<Duration> ready = service.awaitReady(Duration.ofSeconds(120));
          if (ready.isEmpty()) {
            System.out.printf(
                "%-14s NOT READY: %s (log %s)%n",
                spec.name(), service.probe(spec.readiness()), service.log());
            return false;
          }
          if (warmUp) {
            // What the image's training run does too: probes and a scrape.
            service.probe(spec.liveness());
            service.probe(spec.readiness().resolve("/metrics"));
            continue;
          }
          readySeconds.add(ready.get().toMillis() / 1000.0);
          cpuSeconds.add(service.cpuSeconds());
          TimeUnit.MILLISECONDS.sleep(settle.toMillis());
          rssMib.add(service.rssKib() / 1024.0);
          java = javaVersion(service.log()).orElse(java);
        }
      }
      double readyMedian = Stats.median(readySeconds);
      double rssMedian = Stats.median(rssMib);
      System.out.printf(
          "%-14s %-5s %-10s %8.2fs %8.2fs %6.2fs %6.1fMiB %6.1fMiB  %-14s %s%n",
          spec.name(),
          image != null ? "image" : "host",
          java,
          readyMedian,
          Stats.max(readySeconds),
          Stats.median(cpuSeconds),
          rssMedian,
          Stats.max(rssMib),
          loadavg(),
          readyMedian <= READY_TARGET_SECONDS && rssMedian <= RSS_TARGET_MIB ? "met" : "MISSED");
      return true;
    }
  }

  /** Removes the extracted jars and their archives at the end; the logs stay. */
  private record Cleanup(Path dir) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      if (Files.exists(dir)) {
        try (Stream<Path> paths = Files.walk(dir)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
    }
  }

  private static Optional<String> javaVersion(Path log) {
    try {
      Matcher matcher = JAVA_VERSION.matcher(Files.readString(log));
      return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The 1, 5 and 15 minute load averages, as /proc/loadavg shows them. */
  static String loadavg() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "?";
    }
  }
}
