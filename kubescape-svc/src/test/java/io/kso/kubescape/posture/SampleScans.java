package io.kso.kubescape.posture;

import io.kso.kubescape.bundle.BundleLoader;
import io.kso.kubescape.input.Inputs;
import io.kso.kubescape.input.ManifestReader;
import io.kso.kubescape.scan.ScanOptions;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Scanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Real scans of the repository's sample manifests, for tests of what is made of a report. */
public final class SampleScans {
  public static final Path SAMPLES = Path.of("src/test/resources/samples");
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
}
