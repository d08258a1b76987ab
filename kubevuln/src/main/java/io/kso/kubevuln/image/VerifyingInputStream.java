package io.kso.kubevuln.image;

import io.kso.kubevuln.image.ImageException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hashes and counts what passes through, refuses more bytes than declared, and on {@link #finish}
 * checks the length and the digest. Never trusts content before {@code finish} returns.
 */
final class VerifyingInputStream extends ObservedInputStream {
  private final String what;
  private final String expectedDigest;
  private final long expectedSize;
  private final MessageDigest digest;
  private long count;

  /**
   * @param expectedDigest {@code algo:hex}, or null to count only
   * @param expectedSize the declared length, or -1 if unknown
   */
  VerifyingInputStream(InputStream in, String what, String expectedDigest, long expectedSize) {
    super(in);
    this.what = what;
    this.expectedDigest = expectedDigest;
    this.expectedSize = expectedSize;
    this.digest =
        Digests.newDigest(
            expectedDigest != null && expectedDigest.startsWith("sha512:") ? "SHA-512" : "SHA-256");
  }

  @Override
  void observe(byte[] b, int off, int n) {
    digest.update(b, off, n);
    count += n;
    if (expectedSize >= 0 && count > expectedSize) {
      throw new ImageException(
          Reason.DIGEST_MISMATCH,
          what + " is longer than the " + expectedSize + " bytes its descriptor declares");
    }
  }

  /** Reads to the end and checks length and digest. */
  String finish() throws IOException {
    byte[] buffer = new byte[65536];
    while (read(buffer, 0, buffer.length) >= 0) {
      // drain: the digest covers the whole blob
    }
    if (expectedSize >= 0 && count != expectedSize) {
      throw new ImageException(
          Reason.DIGEST_MISMATCH,
          what + " has " + count + " bytes but its descriptor declares " + expectedSize);
    }
    String actual =
        (expectedDigest != null && expectedDigest.startsWith("sha512:") ? "sha512:" : "sha256:")
            + HexFormat.of().formatHex(digest.digest());
    if (expectedDigest != null && !expectedDigest.equals(actual)) {
      throw new ImageException(
          Reason.DIGEST_MISMATCH,
          what + " does not match its digest: expected " + expectedDigest + ", got " + actual);
    }
    return actual;
  }
}
