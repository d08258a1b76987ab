package io.kso.kubevuln.registry;

import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.image.ImageException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Credentials from a Docker config JSON, the form of Kubernetes' imagePullSecrets ({@code
 * .dockerconfigjson}): {@code {"auths": {"host": {"auth": base64(user:pass)}}}}.
 */
public final class DockerConfigCredentials
    implements Function<String, Optional<RegistryCredentials>> {
  private final Map<String, RegistryCredentials> byHost;

  private DockerConfigCredentials(Map<String, RegistryCredentials> byHost) {
    this.byHost = Map.copyOf(byHost);
  }

  public static DockerConfigCredentials read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ImageException(
          Reason.IO, "could not read registry config " + file + ": " + e.getMessage(), e);
    }
  }

  public static DockerConfigCredentials parse(String json) {
    Map<String, RegistryCredentials> byHost = new HashMap<>();
    Object root;
    try {
      root = JsonMapper.builder().build().readValue(json, Object.class);
    } catch (JacksonException e) {
      // the message of a JSON error may quote the secret: say only where it went wrong
      throw new ImageException(Reason.INVALID_REFERENCE, "registry config is not valid JSON");
    }
    if (root instanceof Map<?, ?> top && top.get("auths") instanceof Map<?, ?> auths) {
      auths.forEach(
          (host, entry) -> {
            if (entry instanceof Map<?, ?> e) {
              credentials(e).ifPresent(c -> byHost.put(normalize(String.valueOf(host)), c));
            }
          });
    }
    return new DockerConfigCredentials(byHost);
  }

  private static Optional<RegistryCredentials> credentials(Map<?, ?> entry) {
    if (entry.get("auth") instanceof String auth && !auth.isEmpty()) {
      String decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        return Optional.of(
            new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
      }
    }
    if (entry.get("username") instanceof String user && entry.get("password") instanceof String p) {
      return Optional.of(new RegistryCredentials(user, p));
    }
    return Optional.empty();
  }

  /** {@code https://index.docker.io/v1/} and {@code docker.io} name the same registry. */
  static String normalize(String host) {
    String h = host.replaceFirst("^[a-z]+://", "");
    int slash = h.indexOf('/');
    h = slash >= 0 ? h.substring(0, slash) : h;
    return switch (h) {
      case "index.docker.io", "registry-1.docker.io" -> ImageReference.DOCKER_HUB;
      default -> h;
    };
  }

  @Override
  public Optional<RegistryCredentials> apply(String registry) {
    return Optional.ofNullable(byHost.get(normalize(registry)));
  }
}
