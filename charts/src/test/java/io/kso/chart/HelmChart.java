package io.kso.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The chart under test, rendered with the real Helm engine (helm-java). */
final class HelmChart {
  static final String RELEASE = "kubescape";
  static final String NAMESPACE = "kubescape";

  /** What every install command of the seed passes: without them the chart refuses to render. */
  static final Map<String, String> REQUIRED =
      Map.of("account", "my-account", "clusterName", "my-cluster");

  /**
   * The Kubernetes version renders assume. helm-java's engine otherwise assumes v1.20, older than
   * the chart's kubeVersion constraint (batch/v1 CronJobs).
   */
  static final String KUBE_VERSION = "v1.30.0";

  private HelmChart() {}

  static Path projectDir() {
    return Path.of(System.getProperty("kso.project.dir", "..")).toAbsolutePath().normalize();
  }

  static Path dir() {
    return projectDir().resolve("charts/kubescape-operator");
  }

  static String projectVersion() {
    return System.getProperty("kso.project.version", "0.1.0-SNAPSHOT");
  }

  /** Renders with the required values, then {@code yaml} as a values file, then {@code sets}. */
  static Rendered render(String yaml, Map<String, String> sets) {
    return Rendered.parse(template(yaml, sets, KUBE_VERSION));
  }

  static Rendered render(Map<String, String> sets) {
    return render(null, sets);
  }

  static Rendered render(String yaml) {
    return render(yaml, Map.of());
  }

  static Rendered renderDefault() {
    return render(null, Map.of());
  }

  /** The rendered text, as seen by a cluster of version {@code kubeVersion}. */
  static String template(String yaml, Map<String, String> sets, String kubeVersion) {
    Map<String, String> all = new LinkedHashMap<>(REQUIRED);
    TemplateCommand command = new Helm(dir()).template().withName(RELEASE).withNamespace(NAMESPACE);
    if (kubeVersion != null) {
      command.withKubeVersion(kubeVersion);
    }
    if (yaml != null) {
      command.withValuesFile(valuesFile(yaml));
    }
    all.putAll(sets);
    all.forEach(command::set);
    return command.call();
  }

  /** Renders exactly what is given (no required values added). */
  static String templateRaw(Map<String, String> sets) {
    TemplateCommand command =
        new Helm(dir())
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
    sets.forEach(command::set);
    return command.call();
  }

  private static Path valuesFile(String yaml) {
    try {
      Path file = Files.createTempFile("kso-values-", ".yaml");
      file.toFile().deleteOnExit();
      return Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
