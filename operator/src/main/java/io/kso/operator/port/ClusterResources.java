package io.kso.operator.port;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/** What the operator's core needs from the Kubernetes API: desired state in, current state out. */
public interface ClusterResources {
  /** Creates the object, or replaces the one of that kind, namespace and name. */
  <T extends HasMetadata> T apply(T desired);

  <T extends HasMetadata> Optional<T> get(Class<T> kind, String namespace, String name);

  /** Ensures the object is absent; absent already is fine. */
  void delete(Class<? extends HasMetadata> kind, String namespace, String name);
}
