package io.kso.kubevuln.cli;

import io.kso.kubevuln.catalog.SbomGenerator;
import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.image.ImageLimits;
import io.kso.kubevuln.image.ImageSource;
import io.kso.kubevuln.image.Platform;
import io.kso.kubevuln.match.Match;
import io.kso.kubevuln.match.Matcher;
import io.kso.kubevuln.osv.Severity;
import io.kso.kubevuln.registry.DockerConfigCredentials;
import io.kso.kubevuln.registry.RegistryOptions;
import io.kso.kubevuln.sbom.CycloneDxWriter;
import io.kso.kubevuln.sbom.Sbom;
import io.kso.kubevuln.store.StoreStatus;
import io.kso.kubevuln.store.VulnStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scan}: match an SBOM's packages against the store. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = "Match the packages of an SBOM, or of an image, against the store.")
final class ScanCommand implements Callable<Integer> {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, description = "store folder")
  Path db;

  @Option(names = "--format", defaultValue = "table", description = "table or json")
  OutputFormat format;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description = "exit 1 when a match is at least this severe: low, medium, high, critical")
  String failOn;

  @Option(
      names = "--max-age",
      defaultValue = "7d",
      converter = Durations.class,
      description = "warn when the data is older than this (default ${DEFAULT-VALUE})")
  Duration maxAge;

  @Option(names = "--stats", description = "print timing and counts to stderr")
  boolean stats;

  @Option(
      names = "--repeat",
      hidden = true,
      defaultValue = "0",
      description = "benchmark: match this many more times in the same JVM and report the last")
  int repeat;

  @Parameters(
      paramLabel = "SBOM|IMAGE",
      description =
          "a CycloneDX or SPDX JSON file with purls, or an image: a reference"
              + " (registry/repo:tag or @digest), an OCI layout directory or a docker-archive tar")
  String target;

  @Option(names = "--insecure-registry", description = "talk plain HTTP to the registry")
  boolean insecureRegistry;

  @Option(
      names = "--registry-config",
      paramLabel = "FILE",
      description = "registry credentials from a Docker config JSON")
  Path registryConfig;

  @Override
  public Integer call() {
    Severity.Level threshold = failOn == null ? null : threshold(failOn);
    long start = System.nanoTime();
    SbomFile sbom = isSbomFile(Path.of(target)) ? SbomFile.read(Path.of(target)) : imageSbom();
    long read = System.nanoTime();
    List<Match> matches;
    StoreStatus status;
    long opened;
    long openMs;
    long cpuBefore;
    try (VulnStore store = VulnStore.open(db)) {
      status = store.status(maxAge, Clock.systemUTC().instant());
      opened = System.nanoTime();
      openMs = (opened - read) / 1_000_000;
      cpuBefore = THREADS.getCurrentThreadCpuTime();
      matches = new Matcher(store).match(sbom.packages());
      for (int i = 0; i < repeat; i++) {
        opened = System.nanoTime();
        cpuBefore = THREADS.getCurrentThreadCpuTime();
        matches = new Matcher(store).match(sbom.packages());
      }
    }
    long matched = System.nanoTime();
    long matchCpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    if (status.stale()) {
      err.printf(
          "kubevuln: warning: the vulnerability data is %s old (limit %s); run db import%n",
          Durations.format(status.age()), Durations.format(status.maxAge()));
    }
    out.print(
        format == OutputFormat.json
            ? Reports.json(Reports.scan(matches, sbom, status)) + "\n"
            : Reports.table(matches));
    out.flush();
    if (stats) {
      err.printf(
          "packages: %d (%s), matches: %d, read SBOM: %d ms, open store: %d ms, match: %d ms"
              + " (%d ms CPU),"
              + " heap used: %d MiB%n",
          sbom.packages().size(),
          sbom.format(),
          matches.size(),
          (read - start) / 1_000_000,
          openMs,
          (matched - opened) / 1_000_000,
          matchCpu / 1_000_000,
          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576);
    }
    err.flush();
    boolean fail =
        threshold != null
            && matches.stream().anyMatch(m -> m.severity().level().compareTo(threshold) >= 0);
    return fail ? KubevulnCli.FINDING : 0;
  }

  /** A JSON file is an SBOM; anything else names an image. */
  private static boolean isSbomFile(Path path) {
    if (!Files.exists(path) && path.toString().endsWith(".json")) {
      throw new IllegalArgumentException(path + ": no such SBOM file");
    }
    if (!Files.isRegularFile(path)) {
      return false;
    }
    try (var in = Files.newInputStream(path)) {
      int first;
      do {
        first = in.read();
      } while (first == ' ' || first == '\n' || first == '\r' || first == '\t');
      return first == '{';
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  /** Makes the image's SBOM (as the sbom command would) and reads its packages. */
  private SbomFile imageSbom() {
    var credentials =
        registryConfig == null
            ? RegistryOptions.ANONYMOUS
            : DockerConfigCredentials.read(registryConfig);
    try (ImageSource source =
        ImageSources.open(target, Platform.LINUX_AMD64, insecureRegistry, credentials)) {
      Sbom sbom =
          new SbomGenerator(SbomGenerator.allCatalogers(), ImageLimits.DEFAULT).generate(source);
      Path temp = Files.createTempFile("kubevuln-scan", ".cdx.json");
      try {
        Files.writeString(temp, new CycloneDxWriter().write(sbom));
        return SbomFile.read(temp);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (ImageException e) {
      throw new IllegalArgumentException(target + ": " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(target + ": " + e.getMessage(), e);
    }
  }

  private static Severity.Level threshold(String word) {
    Severity.Level level = Severity.Level.parse(word);
    if (level == Severity.Level.UNKNOWN && !word.trim().equalsIgnoreCase("unknown")) {
      throw new IllegalArgumentException(
          "--fail-on " + word + ": use unknown, negligible, low, medium, high or critical");
    }
    return level;
  }
}
