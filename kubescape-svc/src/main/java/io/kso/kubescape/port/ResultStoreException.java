package io.kso.kubescape.port;

/** The results volume could not be written or read. */
public class ResultStoreException extends RuntimeException {
  public ResultStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
