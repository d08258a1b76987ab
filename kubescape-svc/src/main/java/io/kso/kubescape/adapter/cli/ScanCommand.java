package io.kso.kubescape.adapter.cli;

import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.BundleDownloader;
import io.kso.kubescape.bundle.BundleFiles;
import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.engine.RuleCompiler;
import io.kso.kubescape.input.InputError;
import io.kso.kubescape.input.Inputs;
import io.kso.kubescape.report.JsonReportWriter;
import io.kso.kubescape.report.JunitReportWriter;
import io.kso.kubescape.report.PrettyReportWriter;
import io.kso.kubescape.report.SarifReportWriter;
import io.kso.kubescape.scan.PostureException;
import io.kso.kubescape.scan.ScanConfigReader;
import io.kso.kubescape.scan.ScanOptions;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Scanner;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan}: scans files, directories, Helm charts or a live cluster against the bundle. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = "Scan Kubernetes manifests, Helm charts or a cluster for misconfigurations.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:scan done, every input read, risk score within --fail-threshold",
      "1:risk score above --fail-threshold",
      "2:bad usage, or the bundle or a configuration file could not be read",
      "3:nothing could be scanned: no Kubernetes object could be read from the inputs, or no"
          + " selected control could be evaluated (no score is reported)",
      "4:some inputs could not be read; the others were scanned and reported"
          + " (--allow-input-errors exits 0 or 1 then)"
    })
public final class ScanCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "INPUT",
      description = "Files and directories (recursive) of YAML/JSON manifests, or Helm chart dirs.")
  List<Path> inputs = new ArrayList<>();

  @Option(
      names = "--framework",
      split = ",",
      paramLabel = "NAMES",
      description = "Frameworks to scan with (default: all), e.g. nsa,mitre")
  List<String> frameworks = new ArrayList<>();

  @Option(names = "--controls", split = ",", paramLabel = "IDS", description = "Control IDs")
  List<String> controls = new ArrayList<>();

  @Option(
      names = "--controls-config",
      paramLabel = "FILE",
      description = "JSON object of control inputs (postureControlInputs)")
  Path controlsConfig;

  @Option(names = "--exceptions", paramLabel = "FILE", description = "Exceptions (JSON or YAML)")
  Path exceptions;

  @Option(
      names = "--fail-threshold",
      paramLabel = "PERCENT",
      description = "Exit 1 when the risk score is above this (0-100)")
  Double failThreshold;

  @Option(
      names = "--format",
      defaultValue = "pretty",
      description = "pretty, json, sarif or junit (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report here")
  Path output;

  @Option(
      names = "--allow-input-errors",
      description =
          "Exit 0 (or 1 over --fail-threshold) even when some inputs could not be read; they are"
              + " reported either way, and a scan that read nothing still exits 3")
  boolean allowInputErrors;

  @Option(names = "--values", paramLabel = "FILE", description = "Helm values file (repeatable)")
  List<Path> values = new ArrayList<>();

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Helm value (repeatable)")
  List<String> set = new ArrayList<>();

  @Option(
      names = "--kube-version",
      defaultValue = "v1.30.0",
      description = "Kubernetes version Helm charts render for (default: ${DEFAULT-VALUE})")
  String kubeVersion;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "default",
      description =
          "Namespace Helm charts render into, as helm install -n (default: ${DEFAULT-VALUE})")
  String namespace;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Scan a live cluster")
  Path kubeconfig;

  @Option(names = "--context", description = "kubeconfig context")
  String context;

  @Option(
      names = "--bundle",
      paramLabel = "PATH",
      description = "Bundle directory or zip, layered over the embedded one (repeatable)")
  List<Path> bundles = new ArrayList<>();

  @Option(names = "--bundle-url", paramLabel = "URL", description = "Download a bundle zip")
  URI bundleUrl;

  @Option(names = "--bundle-sha256", paramLabel = "HEX", description = "SHA-256 of --bundle-url")
  String bundleSha256;

  private final PrintStream stdout;
  private final PrintStream stderr;
  private final Path workDir;

  public ScanCommand(PrintStream stdout, PrintStream stderr) {
    this(stdout, stderr, Path.of(""));
  }

  /** Relative paths of the command line are resolved against {@code workDir}. */
  ScanCommand(PrintStream stdout, PrintStream stderr, Path workDir) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.workDir = workDir;
  }

  /** Runs the command line; returns the exit code. */
  public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
    return run(args, Path.of(""), stdout, stderr);
  }

  /** Runs the command line as if started in {@code workDir}; returns the exit code. */
  static int run(String[] args, Path workDir, PrintStream stdout, PrintStream stderr) {
    CommandLine cl = new CommandLine(new ScanCommand(stdout, stderr, workDir));
    cl.setOut(new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true));
    cl.setExitCodeExceptionMapper(e -> 2);
    return cl.execute(args);
  }

  @Override
  public Integer call() throws IOException {
    if (!List.of("pretty", "json", "sarif", "junit").contains(format)) {
      stderr.println("unknown --format " + format + " (pretty, json, sarif, junit)");
      return 2;
    }
    if (inputs.isEmpty() && kubeconfig == null) {
      stderr.println("nothing to scan: give files, directories, charts or --kubeconfig");
      return 2;
    }
    resolvePaths();
    PhaseTimes times = new PhaseTimes();
    times.done("start");
    Supplier<RuleCompiler> compiler = RuleCompiler.startInBackground();
    Bundle bundle;
    ScanOptions options;
    try {
      bundle = bundle();
      options = options();
    } catch (IOException | RuntimeException e) {
      stderr.println("error: " + e.getMessage());
      return 2;
    }
    times.done("bundle");
    Inputs read = read();
    times.done("read");
    Scanner scanner = new Scanner(bundle, compiler.get());
    ScanReport report;
    try {
      report = scanner.scan(read.resources(), options, progress(read.resources().size()));
    } catch (IllegalArgumentException e) {
      stderr.println("error: " + e.getMessage());
      return 2;
    }
    times.done("scan");
    write(report, read.errors());
    times.done("write");
    if (Boolean.getBoolean("kso.timings")) {
      stderr.println(times + " (" + read.resources().size() + " resources)");
    }
    return exitCode(report, read.errors());
  }

  /**
   * 3 when nothing was scanned, 4 when some inputs could not be read (unless allowed), then the
   * threshold; what could not be read is named on stderr in every format.
   */
  private int exitCode(ScanReport report, List<InputError> errors) {
    if (!report.scanned()) {
      stderr.println(
          "error: " + report.skipReason() + (errors.isEmpty() ? "" : "; could not read:"));
      errors.forEach(e -> stderr.println("  " + e));
      return 3;
    }
    if (!errors.isEmpty()) {
      stderr.printf(
          "%s: %d input(s) could not be read, the rest was scanned%s:%n",
          allowInputErrors ? "warning" : "error",
          errors.size(),
          allowInputErrors ? "" : " (--allow-input-errors accepts a partial scan)");
      errors.forEach(e -> stderr.println("  " + e));
      if (!allowInputErrors) {
        return 4;
      }
    }
    return failThreshold != null && report.riskScore() > failThreshold ? 1 : 0;
  }

  private void resolvePaths() {
    inputs = inputs.stream().map(workDir::resolve).toList();
    values = values.stream().map(workDir::resolve).toList();
    bundles = bundles.stream().map(workDir::resolve).toList();
    controlsConfig = controlsConfig == null ? null : workDir.resolve(controlsConfig);
    exceptions = exceptions == null ? null : workDir.resolve(exceptions);
    output = output == null ? null : workDir.resolve(output);
    kubeconfig = kubeconfig == null ? null : workDir.resolve(kubeconfig);
  }

  private Bundle bundle() {
    List<Map<String, String>> layers = new ArrayList<>();
    layers.add(BundleFiles.embedded());
    bundles.forEach(b -> layers.add(BundleFiles.path(b)));
    if (bundleUrl != null) {
      layers.add(BundleDownloader.download(bundleUrl, bundleSha256));
    }
    return BundleLoader.load(layers);
  }

  private ScanOptions options() throws IOException {
    Map<String, List<String>> in =
        controlsConfig == null ? Map.of() : ScanConfigReader.controlInputs(controlsConfig);
    List<PostureException> ex =
        exceptions == null ? List.of() : ScanConfigReader.exceptions(exceptions);
    return new ScanOptions(frameworks, controls, in, ex);
  }

  private Inputs read() {
    Map<String, String> helmSet = new LinkedHashMap<>();
    for (String kv : set) {
      int eq = kv.indexOf('=');
      helmSet.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }
    return ScanInputs.read(
        inputs,
        new ScanInputs.ChartOptions(values, helmSet, kubeVersion, namespace),
        kubeconfig,
        context);
  }

  /** Pretty output on a long scan shows how far the rules got, on stderr. */
  private java.util.function.Consumer<String> progress(int resources) {
    if (!"pretty".equals(format) || resources < 1000) {
      return r -> {};
    }
    AtomicInteger done = new AtomicInteger();
    return r -> {
      int n = done.incrementAndGet();
      if (n % 25 == 0) {
        stderr.printf("  %d rules evaluated over %d resources%n", n, resources);
      }
    };
  }

  private void write(ScanReport report, List<InputError> errors) throws IOException {
    OutputStream os =
        output == null
            ? new BufferedOutputStream(stdout, 1 << 16)
            : new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
    if ("json".equals(format)) {
      try (os) {
        JsonReportWriter.write(report, errors, os);
      }
    } else {
      try (PrintWriter out = new PrintWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8))) {
        switch (format) {
          case "sarif" -> SarifReportWriter.write(report, errors, out);
          case "junit" -> JunitReportWriter.write(report, errors, out);
          default -> PrettyReportWriter.write(report, errors, out);
        }
        out.flush();
      }
    }
  }
}
