package io.kso.kubescape.port;

import java.util.Set;

/** The cluster's objects, as a posture scan reads them. */
public interface ClusterObjects {
  /**
   * Reads every object of these kinds (kind names as bundle rules declare them: "Pod",
   * "ClusterRoleBinding", ...).
   */
  ClusterRead read(Set<String> kinds, NamespaceFilter namespaces);
}
