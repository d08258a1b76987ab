package io.kso.kubevuln.cli;

import io.kso.kubevuln.image.DockerArchiveSource;
import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.image.ImageSource;
import io.kso.kubevuln.image.OciLayoutSource;
import io.kso.kubevuln.image.Platform;
import io.kso.kubevuln.registry.ImageReference;
import io.kso.kubevuln.registry.RegistryClient;
import io.kso.kubevuln.registry.RegistryCredentials;
import io.kso.kubevuln.registry.RegistryImageSource;
import io.kso.kubevuln.registry.RegistryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** The image a command names: an OCI layout directory, a docker-archive tar, or a reference. */
final class ImageSources {
  private ImageSources() {}

  static ImageSource open(
      String image,
      Platform wanted,
      boolean insecureRegistry,
      Function<String, Optional<RegistryCredentials>> credentials)
      throws IOException {
    Path path = Path.of(image);
    if (OciLayoutSource.isLayout(path)) {
      return new OciLayoutSource(path, wanted);
    }
    if (Files.isRegularFile(path)) {
      return new DockerArchiveSource(path);
    }
    if (Files.isDirectory(path)) {
      throw new ImageException(
          ImageException.Reason.MALFORMED_MANIFEST,
          image + " is a directory but not an OCI image layout (no oci-layout and index.json)");
    }
    if (image.startsWith("/") || image.startsWith("./") || image.startsWith("../")) {
      throw new ImageException(
          ImageException.Reason.NOT_FOUND,
          "no such file or directory: "
              + image
              + " (an OCI layout directory or a docker-archive tar was expected)");
    }
    ImageReference ref = ImageReference.parse(image);
    RegistryOptions options =
        RegistryOptions.defaults().withPlainHttp(insecureRegistry).withCredentials(credentials);
    return new RegistryImageSource(ref, new RegistryClient(options), wanted);
  }
}
