package io.kso.kubevuln.image;

/** Why an image could not be read; the message is meant for the person who asked for the SBOM. */
public class ImageException extends RuntimeException {
  /** What went wrong, for callers that map errors to exit codes or HTTP statuses. */
  public enum Reason {
    INVALID_REFERENCE,
    NOT_FOUND,
    UNAUTHORIZED,
    REGISTRY_ERROR,
    MALFORMED_MANIFEST,
    UNSUPPORTED,
    NO_MATCHING_PLATFORM,
    DIGEST_MISMATCH,
    PATH_TRAVERSAL,
    SYMLINK_ESCAPE,
    TOO_LARGE,
    DECOMPRESSION_BOMB,
    CORRUPT_LAYER,
    IO
  }

  private final Reason reason;

  public ImageException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ImageException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
