package io.kso.kubescape.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench}: writes a synthetic cluster of N objects as manifest files, then times {@code scan}
 * with every framework in a child JVM and reports wall time and peak RSS (VmHWM).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmark the scan on synthetic clusters (time and peak RSS).")
public final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--resources",
      split = ",",
      defaultValue = "1000,10000,50000",
      description = "Cluster sizes (default: ${DEFAULT-VALUE})")
  List<Integer> sizes = new ArrayList<>();

  @Option(
      names = "--jvm-flags",
      defaultValue = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx256m",
      description = "Flags of the scanning JVM (default: ${DEFAULT-VALUE})")
  String jvmFlags;

  @Option(
      names = "--work-dir",
      description = "Where the manifests are written (default: a temp dir)")
  Path workDir;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(
      names = "--write-only",
      description = "Only write the manifests (cluster-N/ under --work-dir), scan nothing")
  boolean writeOnly;

  private final PrintStream out;

  public BenchCommand(PrintStream out) {
    this.out = out;
  }

  public static int run(String[] args, PrintStream out) {
    return new CommandLine(new BenchCommand(out)).execute(args);
  }

  @Override
  public Integer call() throws Exception {
    Path dir = workDir == null ? Files.createTempDirectory("kso-bench") : workDir;
    if (writeOnly) {
      for (int n : sizes) {
        int files = write(SyntheticCluster.generate(n, seed), dir.resolve("cluster-" + n));
        out.printf("%d objects in %d files under %s%n", n, files, dir.resolve("cluster-" + n));
      }
      return 0;
    }
    out.printf(
        "%-10s %8s %10s %10s %15s %s%n",
        "resources", "files", "wall (s)", "cpu (s)", "peak RSS (MiB)", "load avg");
    for (int n : sizes) {
      Path cluster = dir.resolve("cluster-" + n);
      int files = write(SyntheticCluster.generate(n, seed), cluster);
      Result r = scan(cluster);
      out.printf(
          "%-10d %8d %10.2f %10.2f %15.1f %s%s%n",
          n,
          files,
          r.seconds(),
          r.cpuSeconds(),
          r.peakMiB(),
          loadAverage(),
          r.exit() == 0 ? "" : "  (exit " + r.exit() + ")");
    }
    return 0;
  }

  /** One multi-document YAML file per namespace-sized chunk of 100 objects. */
  static int write(List<Map<String, Object>> objects, Path dir) throws IOException {
    Files.createDirectories(dir);
    JsonMapper json = JsonMapper.builder().build();
    int files = 0;
    for (int i = 0; i < objects.size(); i += 100) {
      try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("part-" + (files++) + ".yaml"))) {
        for (Map<String, Object> o : objects.subList(i, Math.min(objects.size(), i + 100))) {
          w.write("---\n");
          w.write(json.writeValueAsString(o));
          w.write("\n");
        }
      }
    }
    return files;
  }

  /**
   * @param cpuSeconds user + system CPU time of the scanning process (last sample before exit)
   */
  record Result(int exit, double seconds, double cpuSeconds, double peakMiB) {}

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private Result scan(Path cluster) throws IOException, InterruptedException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBin);
    cmd.addAll(List.of(jvmFlags.trim().split("\\s+")));
    String cp = System.getProperty("java.class.path");
    if (cp.endsWith(".jar") && !cp.contains(java.io.File.pathSeparator)) {
      cmd.addAll(List.of("-jar", cp));
    } else {
      cmd.addAll(List.of("-cp", cp, "io.kso.kubescape.KubescapeApplication"));
    }
    cmd.addAll(
        List.of(
            "scan",
            cluster.toString(),
            "--format",
            "json",
            "--output",
            cluster
                .resolve("../results-" + cluster.getFileName() + ".json")
                .normalize()
                .toString()));
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long peakKb = 0;
    java.time.Duration cpu = java.time.Duration.ZERO;
    while (!p.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      peakKb = Math.max(peakKb, hwmKb(p.pid()));
      cpu = p.info().totalCpuDuration().orElse(cpu);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(p.exitValue(), seconds, cpu.toMillis() / 1000.0, peakKb / 1024.0);
  }

  /** VmHWM: the peak resident set of a live process, in KiB (0 once it is gone). */
  static long hwmKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
