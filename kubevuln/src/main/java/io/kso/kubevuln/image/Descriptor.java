package io.kso.kubevuln.image;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * An OCI content descriptor: what a manifest says about a blob.
 *
 * @param mediaType the blob's media type
 * @param digest {@code algorithm:hex}, checked against the content when it is read
 * @param size the blob's length in bytes, or -1 when unknown (docker-archive layers)
 * @param platform the platform of a manifest listed in an index, or null
 */
public record Descriptor(String mediaType, String digest, long size, Platform platform) {
  private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern SHA512 = Pattern.compile("sha512:[a-f0-9]{128}");

  public Descriptor {
    if (digest != null && !isValidDigest(digest)) {
      throw new ImageException(
          ImageException.Reason.MALFORMED_MANIFEST, "invalid or unsupported digest: " + digest);
    }
  }

  public Descriptor(String mediaType, String digest, long size) {
    this(mediaType, digest, size, null);
  }

  public static boolean isValidDigest(String digest) {
    return SHA256.matcher(digest).matches() || SHA512.matcher(digest).matches();
  }

  /** The JDK name of the digest's algorithm. */
  public String algorithm() {
    return digest.startsWith("sha512:") ? "SHA-512" : "SHA-256";
  }

  public String hex() {
    return digest.substring(digest.indexOf(':') + 1);
  }

  static Descriptor fromJson(Map<?, ?> node) {
    Object size = node.get("size");
    Object mediaType = node.get("mediaType");
    Object digest = node.get("digest");
    if (!(digest instanceof String d) || !(size instanceof Number n)) {
      throw new ImageException(
          ImageException.Reason.MALFORMED_MANIFEST, "descriptor without digest or size: " + node);
    }
    if (n.longValue() < 0) {
      throw new ImageException(ImageException.Reason.MALFORMED_MANIFEST, "negative size in " + d);
    }
    Platform platform = node.get("platform") instanceof Map<?, ?> p ? Platform.fromJson(p) : null;
    return new Descriptor(mediaType instanceof String m ? m : null, d, n.longValue(), platform);
  }
}
