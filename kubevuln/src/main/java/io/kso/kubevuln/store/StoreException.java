package io.kso.kubevuln.store;

/** A store that cannot be read or an import that did not complete (the old store is kept). */
public class StoreException extends RuntimeException {

  public enum Reason {
    /** No store in the folder yet. */
    NO_STORE,
    /** The store file is not a store this version reads. */
    CORRUPT,
    /** An import source could not be read or held bad records; nothing was changed. */
    BAD_SOURCE,
    /** Another import holds the folder's lock. */
    BUSY,
    /** Reading or writing the store failed. */
    IO
  }

  private final Reason reason;

  public StoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public StoreException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }
}
