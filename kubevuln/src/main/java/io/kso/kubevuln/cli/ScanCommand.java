package io.kso.kubevuln.cli;

import io.kso.kubevuln.match.Match;
import io.kso.kubevuln.match.Matcher;
import io.kso.kubevuln.osv.Severity;
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
    description = "Match the packages of a CycloneDX or SPDX JSON SBOM against the store.")
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

  @Parameters(paramLabel = "SBOM", description = "CycloneDX or SPDX JSON file with purls")
  String target;

  @Override
  public Integer call() {
    Severity.Level threshold = failOn == null ? null : threshold(failOn);
    Path sbomPath = Path.of(target);
    if (!Files.isRegularFile(sbomPath)) {
      throw new IllegalArgumentException(
          target
              + ": no such SBOM file (scanning an image reference directly is not available yet)");
    }
    long start = System.nanoTime();
    SbomFile sbom = SbomFile.read(sbomPath);
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

  private static Severity.Level threshold(String word) {
    Severity.Level level = Severity.Level.parse(word);
    if (level == Severity.Level.UNKNOWN && !word.trim().equalsIgnoreCase("unknown")) {
      throw new IllegalArgumentException(
          "--fail-on " + word + ": use unknown, negligible, low, medium, high or critical");
    }
    return level;
  }
}
