package io.kso.kubescape.port;

import java.util.Set;

/** The cluster's objects, as a posture scan reads them. */
public interface ClusterObjects {
  /**
   * Reads every object of these kinds (kind names as bundle rules declare them: "Pod",
   * "ClusterRoleBinding", ...). A kind that cannot be read is reported in {@link
   * ClusterRead#unreadable()}, never silently dropped.
   *
   * @throws ClusterUnavailableException when the API server cannot be reached at all
   */
  ClusterRead read(Set<String> kinds, NamespaceFilter namespaces);
}
