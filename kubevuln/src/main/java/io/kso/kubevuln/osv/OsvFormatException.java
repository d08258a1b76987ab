package io.kso.kubevuln.osv;

/** A file that is not OSV JSON, or a record without what matching needs; names where. */
public class OsvFormatException extends RuntimeException {
  public OsvFormatException(String message) {
    super(message);
  }

  public OsvFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
