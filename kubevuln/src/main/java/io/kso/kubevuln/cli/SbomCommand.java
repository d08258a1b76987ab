package io.kso.kubevuln.cli;

import io.kso.kubevuln.catalog.SbomGenerator;
import io.kso.kubevuln.image.DockerArchiveSource;
import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.image.ImageLimits;
import io.kso.kubevuln.image.ImageSource;
import io.kso.kubevuln.image.OciLayoutSource;
import io.kso.kubevuln.image.Platform;
import io.kso.kubevuln.registry.DockerConfigCredentials;
import io.kso.kubevuln.registry.ImageReference;
import io.kso.kubevuln.registry.RegistryClient;
import io.kso.kubevuln.registry.RegistryCredentials;
import io.kso.kubevuln.registry.RegistryImageSource;
import io.kso.kubevuln.registry.RegistryOptions;
import io.kso.kubevuln.sbom.Sbom;
import io.kso.kubevuln.sbom.SbomFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kubevuln sbom IMAGE}: the image's SBOM as CycloneDX or SPDX JSON. */
@Command(
    name = "sbom",
    mixinStandardHelpOptions = true,
    description = "Lists the packages installed in an image, as CycloneDX or SPDX JSON.")
public final class SbomCommand implements Callable<Integer> {
  @ParentCommand private KubevulnCli parent;
  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "IMAGE",
      description =
          "an image reference (registry/repo:tag or @digest), an OCI layout directory,"
              + " or a docker-archive tar (docker save)")
  private String image;

  @Option(
      names = "--format",
      defaultValue = "cyclonedx-json",
      description = "cyclonedx-json (default) or spdx-json")
  private String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "write the SBOM here instead of standard output")
  private Path output;

  @Option(names = "--insecure-registry", description = "talk plain HTTP to the registry")
  private boolean insecureRegistry;

  @Option(names = "--username", description = "registry user name (with --password-stdin)")
  private String username;

  @Option(names = "--password-stdin", description = "read the registry password from stdin")
  private boolean passwordStdin;

  @Option(
      names = "--registry-config",
      paramLabel = "FILE",
      description = "credentials from a Docker config JSON (the form of imagePullSecrets)")
  private Path registryConfig;

  @Option(
      names = "--platform",
      defaultValue = "linux/amd64",
      description = "platform to pick from a multi-platform image (default linux/amd64)")
  private String platform;

  @Option(
      names = "--max-image-size",
      paramLabel = "SIZE",
      defaultValue = "8GiB",
      description = "refuse images larger than this, compressed or not (default 8GiB)")
  private String maxImageSize;

  @Option(
      names = "--max-compression-ratio",
      defaultValue = "200",
      description = "refuse layers that expand more than this many times (default 200)")
  private int maxCompressionRatio;

  @Override
  public Integer call() {
    SbomFormat sbomFormat;
    ImageLimits limits;
    Platform wanted;
    try {
      sbomFormat = SbomFormat.fromCliName(format);
      wanted = Platform.parse(platform);
      limits =
          ImageLimits.DEFAULT
              .withMaxImageSize(Sizes.parse(maxImageSize))
              .withMaxCompressionRatio(maxCompressionRatio);
      if (username != null && !passwordStdin || username == null && passwordStdin) {
        throw new IllegalArgumentException("--username and --password-stdin go together");
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    try (ImageSource source = open(wanted)) {
      Sbom sbom = new SbomGenerator(SbomGenerator.allCatalogers(), limits).generate(source);
      write(sbomFormat.write(sbom, Clock.systemUTC()));
      return 0;
    } catch (ImageException e) {
      spec.commandLine().getErr().println("kubevuln sbom: " + e.getMessage());
      return 1;
    } catch (IOException | UncheckedIOException e) {
      spec.commandLine().getErr().println("kubevuln sbom: " + e.getMessage());
      return 1;
    }
  }

  private ImageSource open(Platform wanted) throws IOException {
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
    RegistryOptions options = RegistryOptions.defaults().withPlainHttp(insecureRegistry);
    if (passwordStdin) {
      String password = new String(parent.stdin().readAllBytes(), StandardCharsets.UTF_8).strip();
      var credentials = new RegistryCredentials(username, password);
      options = options.withCredentials(host -> Optional.of(credentials));
    } else if (registryConfig != null) {
      options = options.withCredentials(DockerConfigCredentials.read(registryConfig));
    }
    return new RegistryImageSource(ref, new RegistryClient(options), wanted);
  }

  private void write(String document) throws IOException {
    if (output == null) {
      spec.commandLine().getOut().println(document);
      spec.commandLine().getOut().flush();
      return;
    }
    Path absolute = output.toAbsolutePath();
    Path temp = Files.createTempFile(absolute.getParent(), ".sbom", ".tmp");
    try {
      Files.writeString(temp, document + "\n", StandardCharsets.UTF_8);
      Files.move(
          temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
