package io.kso.operator.port;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the operator's core needs from the Kubernetes API: desired state in, current state out. */
public interface ClusterResources {
  /** Creates the object, or replaces the one of that kind, namespace and name. */
  <T extends HasMetadata> T apply(T desired);

  <T extends HasMetadata> Optional<T> get(Class<T> kind, String namespace, String name);

  /** Objects of a kind in a namespace ({@code null}: every namespace) with all the given labels. */
  <T extends HasMetadata> List<T> list(Class<T> kind, String namespace, Map<String, String> labels);

  /** Ensures the object is absent; absent already is fine. */
  void delete(Class<? extends HasMetadata> kind, String namespace, String name);
}
