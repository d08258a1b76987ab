package io.kso.kubevuln.registry;

import io.kso.kubevuln.image.Blobs;
import io.kso.kubevuln.image.Descriptor;
import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.image.ImageException.Reason;
import io.kso.kubevuln.image.ImageSource;
import io.kso.kubevuln.image.Manifests;
import io.kso.kubevuln.image.Platform;
import io.kso.kubevuln.image.ResolvedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An image in a registry: the manifest by tag or digest, then its blobs, one at a time. */
public final class RegistryImageSource implements ImageSource {
  private final ImageReference ref;
  private final RegistryClient client;
  private final Platform platform;

  public RegistryImageSource(ImageReference ref, RegistryClient client, Platform platform) {
    this.ref = ref;
    this.client = client;
    this.platform = platform;
  }

  @Override
  public ResolvedImage resolve() {
    var fetched = client.manifest(ref, ref.manifestReference(), Manifests.ACCEPT);
    String digest = Blobs.sha256(fetched.body());
    String expected = ref.digest() != null ? ref.digest() : fetched.digestHeader();
    if (expected != null && expected.startsWith("sha256:") && !expected.equals(digest)) {
      throw new ImageException(
          Reason.DIGEST_MISMATCH,
          "manifest of "
              + ref
              + " does not match its digest: expected "
              + expected
              + ", got "
              + digest);
    }
    var parsed = Manifests.parse(fetched.body(), fetched.contentType());
    try {
      return Blobs.resolve(ref.toString(), digest, parsed, platform, this::openManifest);
    } catch (IOException e) {
      throw new ImageException(Reason.IO, "reading " + ref + " failed: " + e.getMessage(), e);
    }
  }

  private InputStream openManifest(Descriptor d) {
    return new ByteArrayInputStream(client.manifest(ref, d.digest(), Manifests.ACCEPT).body());
  }

  @Override
  public InputStream openBlob(Descriptor blob) {
    return client.blob(ref, blob.digest());
  }

  @Override
  public void close() {
    // the HTTP client holds no per-image state
  }
}
