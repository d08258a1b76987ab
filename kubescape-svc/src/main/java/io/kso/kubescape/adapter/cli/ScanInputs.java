package io.kso.kubescape.adapter.cli;

import io.kso.kubescape.adapter.helm.HelmChartRenderer;
import io.kso.kubescape.adapter.k8s.ClusterReader;
import io.kso.kubescape.input.InputError;
import io.kso.kubescape.input.Inputs;
import io.kso.kubescape.input.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scan command's inputs, read in the order given: files, directories (their files in parallel),
 * Helm charts and a live cluster. An input that gives neither an object nor an error (an empty
 * directory, a chart that renders nothing, a file with no Kubernetes object) is an error too:
 * nothing of it was scanned.
 */
final class ScanInputs {
  /**
   * How charts are rendered: {@code --values}, {@code --set}, {@code --kube-version}, {@code -n}.
   */
  record ChartOptions(
      List<Path> values, Map<String, String> set, String kubeVersion, String namespace) {}

  private ScanInputs() {}

  static Inputs read(List<Path> inputs, ChartOptions chart, Path kubeconfig, String context) {
    List<Inputs> parts = new ArrayList<>();
    for (Path p : inputs) {
      parts.add(read(p, chart));
    }
    if (kubeconfig != null) {
      parts.add(
          orError(
              ClusterReader.read(kubeconfig, context),
              "cluster of " + kubeconfig,
              "no objects could be listed"));
    }
    return Inputs.concat(parts);
  }

  private static Inputs read(Path p, ChartOptions chart) {
    if (HelmChartRenderer.isChart(p)) {
      Inputs rendered =
          HelmChartRenderer.render(
              p, chart.values(), chart.set(), chart.kubeVersion(), chart.namespace());
      return orError(rendered, p.toString(), "the chart rendered no Kubernetes objects");
    }
    if (Files.isDirectory(p)) {
      List<Path> files;
      try {
        files = ManifestReader.files(p);
      } catch (IOException | RuntimeException e) {
        return error(p.toString(), "cannot list the directory: " + e.getMessage());
      }
      if (files.isEmpty()) {
        return error(p.toString(), "no .yaml, .yml or .json files");
      }
      Inputs read = Inputs.concat(files.parallelStream().map(ManifestReader::readFile).toList());
      return orError(read, p.toString(), "no Kubernetes objects in its " + files.size() + " files");
    }
    if (Files.exists(p)) {
      return orError(ManifestReader.readFile(p), p.toString(), "no Kubernetes objects");
    }
    return error(p.toString(), "not found");
  }

  private static Inputs orError(Inputs in, String source, String message) {
    return in.resources().isEmpty() && in.errors().isEmpty() ? error(source, message) : in;
  }

  private static Inputs error(String source, String message) {
    return new Inputs(List.of(), List.of(new InputError(source, 0, message)));
  }
}
