package io.kso.kubescape.posture;

import io.kso.kubescape.bench.SyntheticCluster;
import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.engine.Values;
import io.kso.kubescape.input.Inputs;
import io.kso.kubescape.input.ManifestReader;
import io.kso.kubescape.report.JsonReportWriter;
import io.kso.kubescape.scan.ScanOptions;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Scanner;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Real scans of the repository's sample manifests, for tests of what is made of a report. */
public final class SampleScans {
  /** The engine module's sample manifests (tests run in the kubescape-svc module directory). */
  public static final Path SAMPLES = Path.of("engine/src/test/resources/samples");

  private static final Scanner SCANNER = new Scanner(BundleLoader.embedded());

  private SampleScans() {}

  public static Inputs samples() {
    try {
      return Inputs.concat(
          ManifestReader.files(SAMPLES).stream().map(ManifestReader::readFile).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The samples scanned with these frameworks. */
  public static ScanReport scan(String... frameworks) {
    return SCANNER.scan(
        samples().resources(),
        new ScanOptions(List.of(frameworks), List.of(), Map.of(), List.of()));
  }

  public static ScanReport scan(Inputs inputs, ScanOptions options) {
    return SCANNER.scan(inputs.resources(), options);
  }

  /** {@code n} objects of the benchmark's synthetic cluster, scanned with these frameworks. */
  public static ScanReport synthetic(int n, String... frameworks) {
    List<Resource> objects =
        SyntheticCluster.generate(n, 42).stream()
            .map(o -> Resource.of(Values.toCelMap(o), "synthetic.yaml"))
            .toList();
    return SCANNER.scan(
        objects, new ScanOptions(List.of(frameworks), List.of(), Map.of(), List.of()));
  }

  /** The report as the scan's JSON writer stores it. */
  public static Path writeJson(ScanReport report, Path file) {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      JsonReportWriter.write(report, List.of(), out);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
