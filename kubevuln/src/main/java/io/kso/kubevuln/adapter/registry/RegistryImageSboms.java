package io.kso.kubevuln.adapter.registry;

import io.kso.kubevuln.catalog.SbomGenerator;
import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.image.ImageLimits;
import io.kso.kubevuln.image.Platform;
import io.kso.kubevuln.registry.ImageReference;
import io.kso.kubevuln.registry.RegistryClient;
import io.kso.kubevuln.registry.RegistryCredentials;
import io.kso.kubevuln.registry.RegistryImageSource;
import io.kso.kubevuln.registry.RegistryOptions;
import io.kso.kubevuln.sbom.Sbom;
import io.kso.kubevuln.service.ScanJob;
import io.kso.kubevuln.service.port.ImageSboms;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pulls the job's image from its registry with the credentials the operator sent ({@code
 * credentialsList}: username and password, or a Docker {@code auth} pair) and makes its SBOM.
 */
public final class RegistryImageSboms implements ImageSboms {
  private final ImageLimits limits;
  private final RegistryOptions base;

  public RegistryImageSboms(ImageLimits limits, RegistryOptions base) {
    this.limits = limits;
    this.base = base;
  }

  @Override
  public Sbom generate(ScanJob job) {
    ImageReference ref = ImageReference.parse(job.image());
    RegistryOptions options =
        base.withPlainHttp(base.plainHttp() || job.useHttp())
            .withCredentials(credentials(job.credentials()));
    try (var source =
        new RegistryImageSource(ref, new RegistryClient(options), Platform.LINUX_AMD64)) {
      return new SbomGenerator(SbomGenerator.allCatalogers(), limits).generate(source);
    } catch (ImageException e) {
      throw e;
    } catch (Exception e) {
      throw new ImageException(
          ImageException.Reason.IO, "cannot read " + ref + ": " + e.getMessage(), e);
    }
  }

  /** The credentials for a registry host: the entry naming that host, else the only entry. */
  static Function<String, Optional<RegistryCredentials>> credentials(
      List<io.kso.common.message.RegistryCredentials> given) {
    List<RegistryCredentials> usable =
        given.stream().map(RegistryImageSboms::usable).flatMap(Optional::stream).toList();
    return host -> {
      for (int i = 0; i < given.size(); i++) {
        String server = given.get(i).serverAddress();
        if (server != null && server.replaceAll("^https?://", "").startsWith(host)) {
          return usable(given.get(i));
        }
      }
      return usable.size() == 1 ? Optional.of(usable.get(0)) : Optional.empty();
    };
  }

  private static Optional<RegistryCredentials> usable(io.kso.common.message.RegistryCredentials c) {
    if (c.username() != null && !c.username().isEmpty()) {
      return Optional.of(new RegistryCredentials(c.username(), c.password()));
    }
    if (c.auth() != null && !c.auth().isEmpty()) {
      String pair = new String(Base64.getDecoder().decode(c.auth()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon > 0) {
        return Optional.of(
            new RegistryCredentials(pair.substring(0, colon), pair.substring(colon + 1)));
      }
    }
    return Optional.empty();
  }
}
