package io.kso.kubescape.adapter.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.kso.kubescape.input.InputError;
import io.kso.kubescape.input.Inputs;
import io.kso.kubescape.input.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Renders a Helm chart with the Helm engine (helm-java) and reads the rendered objects. */
public final class HelmChartRenderer {
  private HelmChartRenderer() {}

  public static boolean isChart(Path dir) {
    return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("Chart.yaml"));
  }

  public static Inputs render(
      Path chart,
      List<Path> valuesFiles,
      Map<String, String> set,
      String kubeVersion,
      String namespace) {
    try {
      TemplateCommand t =
          new Helm(chart)
              .template()
              .withName("release")
              .withNamespace(namespace)
              .withKubeVersion(kubeVersion);
      for (Path v : valuesFiles) {
        t = t.withValuesFile(v);
      }
      for (Map.Entry<String, String> e : set.entrySet()) {
        t = t.set(e.getKey(), e.getValue());
      }
      return ManifestReader.readText(t.call(), chart.toString());
    } catch (RuntimeException e) {
      return new Inputs(
          List.of(), List.of(new InputError(chart.toString(), 0, "helm: " + e.getMessage())));
    }
  }
}
