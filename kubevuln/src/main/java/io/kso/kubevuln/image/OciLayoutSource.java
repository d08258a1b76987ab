package io.kso.kubevuln.image;

import io.kso.kubevuln.image.ImageException.Reason;
import io.kso.kubevuln.image.Manifests.ImageIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** An image in an OCI image layout directory ({@code oci-layout}, {@code index.json}, blobs). */
public final class OciLayoutSource implements ImageSource {
  private final Path directory;
  private final Platform platform;

  public OciLayoutSource(Path directory, Platform platform) {
    this.directory = directory;
    this.platform = platform;
  }

  /** Whether {@code path} looks like an OCI layout directory. */
  public static boolean isLayout(Path path) {
    return Files.isDirectory(path)
        && Files.isRegularFile(path.resolve("oci-layout"))
        && Files.isRegularFile(path.resolve("index.json"));
  }

  @Override
  public ResolvedImage resolve() {
    try {
      byte[] index = Files.readAllBytes(directory.resolve("index.json"));
      var parsed = Manifests.parse(index, Manifests.OCI_INDEX);
      if (parsed instanceof ImageIndex top
          && top.manifests().size() == 1
          && top.manifests().get(0).platform() == null) {
        // the usual layout: one untagged-by-platform entry, itself a manifest or an index
        parsed = new ImageIndex(java.util.List.of(withPlatform(top.manifests().get(0))));
      }
      return Blobs.resolve(directory.toString(), null, parsed, platform, this::openBlob);
    } catch (IOException e) {
      throw new ImageException(Reason.IO, "could not read OCI layout " + directory + ": " + e, e);
    }
  }

  private Descriptor withPlatform(Descriptor d) {
    return new Descriptor(d.mediaType(), d.digest(), d.size(), platform);
  }

  @Override
  public InputStream openBlob(Descriptor blob) throws IOException {
    Path path =
        directory
            .resolve("blobs")
            .resolve(blob.digest().substring(0, blob.digest().indexOf(':')))
            .resolve(blob.hex());
    try {
      return Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new ImageException(
          Reason.NOT_FOUND, "blob " + blob.digest() + " is missing from " + directory);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public void close() {
    // nothing held open
  }
}
