package io.kso.operator.registry;

import io.kso.common.message.Redaction;
import java.util.List;
import java.util.Locale;

/**
 * One registry to scan, with everything resolved: where it is, how to log in and which images to
 * take. {@code project} is the path under the host that {@code registryName} named ({@code
 * quay.io/kubescape} → host {@code quay.io}, project {@code kubescape}), empty for a whole
 * registry.
 */
public record RegistryTarget(
    String host,
    String project,
    String provider,
    boolean https,
    boolean skipTlsVerify,
    String username,
    String password,
    String token,
    int depth,
    List<String> include,
    List<String> exclude) {

  public RegistryTarget {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  /** {@code host/project} as the dashboard names the registry. */
  public String registryName() {
    return project.isEmpty() ? host : host + "/" + project;
  }

  public boolean hasCredentials() {
    return username != null && !username.isEmpty();
  }

  /** The provider the original guessed from the name when none was given. */
  static String guessProvider(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.contains(".dkr.ecr")) {
      return "ecr";
    }
    if (h.endsWith("gcr.io")) {
      return "gcr";
    }
    if (h.equals("quay.io")) {
      return "quay";
    }
    return "";
  }

  @Override
  public String toString() {
    return "RegistryTarget[%s, https=%s, skipTLSVerify=%s, username=%s, secrets=%s, depth=%d]"
        .formatted(
            registryName(), https, skipTlsVerify, username, Redaction.mask(password, token), depth);
  }
}
