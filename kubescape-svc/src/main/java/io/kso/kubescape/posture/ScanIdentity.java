package io.kso.kubescape.posture;

/**
 * Who the results are reported as.
 *
 * @param clusterName the cluster's name ({@code CLUSTER_NAME}, else the configuration's)
 * @param contextName the kubeconfig context the original reports; the cluster name in a pod
 */
public record ScanIdentity(String clusterName, String contextName) {
  public ScanIdentity {
    clusterName = clusterName == null ? "" : clusterName;
    contextName = contextName == null || contextName.isBlank() ? clusterName : contextName;
  }
}
