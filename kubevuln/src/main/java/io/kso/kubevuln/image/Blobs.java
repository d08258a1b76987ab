package io.kso.kubevuln.image;

import io.kso.kubevuln.image.ImageException.Reason;
import io.kso.kubevuln.image.Manifests.ImageIndex;
import io.kso.kubevuln.image.Manifests.ImageManifest;
import io.kso.kubevuln.image.Manifests.Parsed;
import java.io.IOException;
import java.io.InputStream;

/** Small verified reads shared by the image sources: manifests and indexes. */
public final class Blobs {
  /** An index may point at an index; deeper nesting than this is refused. */
  private static final int MAX_INDEX_DEPTH = 4;

  private Blobs() {}

  /** A function that opens the raw content of a descriptor. */
  @FunctionalInterface
  public interface Opener {
    InputStream open(Descriptor descriptor) throws IOException;
  }

  /** Reads a small blob whole, refusing more than {@code max} bytes, and checks its digest. */
  public static byte[] readVerified(InputStream in, Descriptor d, String what, int max)
      throws IOException {
    var verified = new VerifyingInputStream(in, what, d.digest(), d.size());
    byte[] body = verified.readNBytes(max + 1);
    if (body.length > max) {
      throw new ImageException(Reason.TOO_LARGE, what + " is larger than " + max + " bytes");
    }
    verified.finish();
    return body;
  }

  /** The sha256 digest of {@code body}, as {@code sha256:hex}. */
  public static String sha256(byte[] body) {
    var digest = Digests.newDigest("SHA-256");
    return "sha256:" + java.util.HexFormat.of().formatHex(digest.digest(body));
  }

  /**
   * Follows indexes down to the image manifest for {@code platform}.
   *
   * @param digest the digest of {@code parsed}, if known
   */
  public static ResolvedImage resolve(
      String reference, String digest, Parsed parsed, Platform platform, Opener opener)
      throws IOException {
    for (int depth = 0; depth <= MAX_INDEX_DEPTH; depth++) {
      if (parsed instanceof ImageManifest manifest) {
        return new ResolvedImage(reference, digest, manifest.config(), manifest.layers());
      }
      Descriptor chosen = Manifests.select((ImageIndex) parsed, platform);
      try (InputStream in = opener.open(chosen)) {
        byte[] body =
            readVerified(in, chosen, "manifest " + chosen.digest(), Manifests.MAX_MANIFEST_BYTES);
        parsed = Manifests.parse(body, chosen.mediaType());
        digest = chosen.digest();
      }
    }
    throw new ImageException(Reason.MALFORMED_MANIFEST, "image indexes nested too deeply");
  }
}
