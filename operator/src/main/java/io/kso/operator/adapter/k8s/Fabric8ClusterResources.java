package io.kso.operator.adapter.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.kso.operator.port.ClusterException;
import io.kso.operator.port.ClusterResources;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ClusterResources} over the fabric8 client: create-or-replace, get, delete. */
public final class Fabric8ClusterResources implements ClusterResources {
  private final KubernetesClient client;

  public Fabric8ClusterResources(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public <T extends HasMetadata> T apply(T desired) {
    try {
      return client.resource(desired).createOr(NonDeletingOperation::update);
    } catch (KubernetesClientException e) {
      throw translate("apply", desired.getKind(), desired.getMetadata().getName(), e);
    }
  }

  @Override
  public <T extends HasMetadata> Optional<T> get(Class<T> kind, String namespace, String name) {
    try {
      return Optional.ofNullable(
          client.resources(kind).inNamespace(namespace).withName(name).get());
    } catch (KubernetesClientException e) {
      throw translate("get", kind.getSimpleName(), name, e);
    }
  }

  @Override
  public <T extends HasMetadata> List<T> list(
      Class<T> kind, String namespace, Map<String, String> labels) {
    try {
      var resources = client.resources(kind);
      var scoped =
          namespace == null ? resources.inAnyNamespace() : resources.inNamespace(namespace);
      return (labels.isEmpty() ? scoped.list() : scoped.withLabels(labels).list()).getItems();
    } catch (KubernetesClientException e) {
      throw translate("list", kind.getSimpleName(), namespace == null ? "*" : namespace, e);
    }
  }

  @Override
  public void delete(Class<? extends HasMetadata> kind, String namespace, String name) {
    try {
      client.resources(kind).inNamespace(namespace).withName(name).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw translate("delete", kind.getSimpleName(), name, e);
      }
    }
  }

  private static ClusterException translate(
      String verb, String kind, String name, KubernetesClientException e) {
    ClusterException.Reason reason =
        switch (e.getCode()) {
          case 401, 403 -> ClusterException.Reason.FORBIDDEN;
          case 409 -> ClusterException.Reason.CONFLICT;
          case 400, 422 -> ClusterException.Reason.INVALID;
          case 0 -> ClusterException.Reason.UNREACHABLE;
          default -> ClusterException.Reason.OTHER;
        };
    return new ClusterException(reason, verb + " " + kind + " " + name + ": " + e.getMessage(), e);
  }
}
