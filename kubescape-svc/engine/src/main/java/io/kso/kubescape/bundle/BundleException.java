package io.kso.kubescape.bundle;

/** A bundle that cannot be read or compiled; the message names the file and what is wrong. */
public class BundleException extends RuntimeException {
  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
