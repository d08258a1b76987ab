package io.kso.kubevuln.image;

import io.kso.kubevuln.image.ImageException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of an image config the reader needs.
 *
 * @param diffIds the uncompressed layer digests ({@code rootfs.diff_ids})
 */
public record ImageConfig(String os, String architecture, List<String> diffIds) {
  private static final int MAX_CONFIG_BYTES = 8 * 1024 * 1024;

  /** Fetches, verifies and parses the config blob. */
  public static ImageConfig read(ImageSource source, Descriptor config) {
    if (config.size() > MAX_CONFIG_BYTES) {
      throw new ImageException(Reason.TOO_LARGE, "image config is larger than 8 MiB");
    }
    byte[] body;
    try (InputStream raw = source.openBlob(config)) {
      var verified =
          new VerifyingInputStream(
              raw, "image config " + config.digest(), config.digest(), config.size());
      body = verified.readNBytes(MAX_CONFIG_BYTES + 1);
      if (body.length > MAX_CONFIG_BYTES) {
        throw new ImageException(Reason.TOO_LARGE, "image config is larger than 8 MiB");
      }
      verified.finish();
    } catch (IOException e) {
      throw new ImageException(Reason.IO, "could not read the image config: " + e.getMessage(), e);
    }
    Map<?, ?> root = Manifests.readObject(body, "image config");
    List<String> diffIds = new ArrayList<>();
    if (root.get("rootfs") instanceof Map<?, ?> rootfs
        && rootfs.get("diff_ids") instanceof List<?> ids) {
      for (Object id : ids) {
        if (id instanceof String s && Descriptor.isValidDigest(s)) {
          diffIds.add(s);
        } else {
          throw new ImageException(Reason.MALFORMED_MANIFEST, "invalid diff_id in config: " + id);
        }
      }
    }
    return new ImageConfig(
        string(root.get("os")), string(root.get("architecture")), List.copyOf(diffIds));
  }

  private static String string(Object o) {
    return o instanceof String s ? s : null;
  }
}
