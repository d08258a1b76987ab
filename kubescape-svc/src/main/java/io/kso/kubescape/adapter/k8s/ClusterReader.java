package io.kso.kubescape.adapter.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.engine.Values;
import io.kso.kubescape.input.InputError;
import io.kso.kubescape.input.Inputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the objects the controls look at from a live cluster through a kubeconfig. Kinds the
 * cluster does not serve, or that the credentials may not list, are reported and skipped.
 */
public final class ClusterReader {
  /** apiVersion and kind of every kind read. */
  static final List<String[]> KINDS =
      List.of(
          new String[] {"v1", "Pod"},
          new String[] {"v1", "Service"},
          new String[] {"v1", "ServiceAccount"},
          new String[] {"v1", "ConfigMap"},
          new String[] {"v1", "Namespace"},
          new String[] {"v1", "Node"},
          new String[] {"v1", "ReplicationController"},
          new String[] {"v1", "PersistentVolumeClaim"},
          new String[] {"apps/v1", "Deployment"},
          new String[] {"apps/v1", "ReplicaSet"},
          new String[] {"apps/v1", "DaemonSet"},
          new String[] {"apps/v1", "StatefulSet"},
          new String[] {"batch/v1", "Job"},
          new String[] {"batch/v1", "CronJob"},
          new String[] {"rbac.authorization.k8s.io/v1", "Role"},
          new String[] {"rbac.authorization.k8s.io/v1", "RoleBinding"},
          new String[] {"rbac.authorization.k8s.io/v1", "ClusterRole"},
          new String[] {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"},
          new String[] {"networking.k8s.io/v1", "NetworkPolicy"},
          new String[] {"networking.k8s.io/v1", "Ingress"},
          new String[] {"autoscaling/v2", "HorizontalPodAutoscaler"},
          new String[] {"admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"},
          new String[] {"admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"});

  private ClusterReader() {}

  public static Inputs read(Path kubeconfig, String context) {
    Config config;
    try {
      String text = kubeconfig == null ? null : Files.readString(kubeconfig);
      config =
          text == null ? Config.autoConfigure(context) : Config.fromKubeconfig(context, text, null);
    } catch (IOException | RuntimeException e) {
      return new Inputs(
          List.of(), List.of(new InputError(String.valueOf(kubeconfig), 0, e.getMessage())));
    }
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      return read(client);
    }
  }

  static Inputs read(KubernetesClient client) {
    List<Resource> out = new ArrayList<>();
    List<InputError> errors = new ArrayList<>();
    String source = "cluster:" + client.getMasterUrl();
    for (String[] k : KINDS) {
      try {
        for (GenericKubernetesResource r :
            client.genericKubernetesResources(k[0], k[1]).inAnyNamespace().list().getItems()) {
          Map<String, Object> map = Serialization.jsonMapper().convertValue(r, Map.class);
          out.add(Resource.of(Values.toCelMap(map), source));
        }
      } catch (KubernetesClientException e) {
        errors.add(new InputError(source, 0, k[1] + ": " + e.getMessage()));
      }
    }
    return new Inputs(out, errors);
  }
}
