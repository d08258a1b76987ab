package io.kso.kubescape.port;

/**
 * The API server cannot be reached at all (connection refused, timeouts, server errors on every
 * request): the scan fails instead of reporting an empty cluster.
 */
public class ClusterUnavailableException extends RuntimeException {
  public ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
