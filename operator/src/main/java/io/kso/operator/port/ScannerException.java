package io.kso.operator.port;

/** A scanner service answered with an error, or not at all. */
public class ScannerException extends RuntimeException {
  public ScannerException(String message, Throwable cause) {
    super(message, cause);
  }
}
