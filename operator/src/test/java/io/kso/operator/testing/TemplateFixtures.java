package io.kso.operator.testing;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kso.operator.model.ScheduleKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Installs the three CronJob template ConfigMaps the chart would, into a (mock) cluster. */
public final class TemplateFixtures {
  private static final Map<ScheduleKind, String> SCHEDULERS =
      Map.of(
          ScheduleKind.KUBESCAPE,
          "kubescape-scheduler",
          ScheduleKind.VULNERABILITY,
          "kubevuln-scheduler",
          ScheduleKind.REGISTRY,
          "registry-scheduler");

  private TemplateFixtures() {}

  public static void install(KubernetesClient client, String namespace) {
    for (ScheduleKind kind : ScheduleKind.values()) {
      String yaml =
          template().replace("SCHEDULER_NAME", SCHEDULERS.get(kind)).replace("TIER", kind.tier());
      client
          .configMaps()
          .inNamespace(namespace)
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(kind.templateConfigMap())
                  .withNamespace(namespace)
                  .endMetadata()
                  .addToData(ScheduleKind.TEMPLATE_KEY, yaml)
                  .build())
          .create();
    }
  }

  private static String template() {
    try (InputStream in =
        TemplateFixtures.class.getResourceAsStream("/templates/cronjob-template.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
