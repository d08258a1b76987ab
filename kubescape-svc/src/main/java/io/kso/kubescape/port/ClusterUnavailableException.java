package io.kso.kubescape.port;

/** The API server could not be reached at all: the scan fails. */
public class ClusterUnavailableException extends RuntimeException {
  public ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
