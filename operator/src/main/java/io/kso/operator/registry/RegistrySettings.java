package io.kso.operator.registry;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.kso.common.message.RegistryInfo;
import io.kso.common.message.WireJson;
import io.kso.operator.model.ScheduleMetadata;
import io.kso.operator.port.ClusterResources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * Resolves a registry command's {@code registryInfo-v1} into a {@link RegistryTarget}, in the
 * original order: credentials from the named Secret (or every {@code kubescape-registry-scan*}
 * Secret), per-registry settings from the {@code kubescape-registry-scan} ConfigMap, and the
 * command's own arguments last, overriding both.
 */
public final class RegistrySettings {
  static final String SECRET_PREFIX = "kubescape-registry-scan";
  static final String CONFIG_MAP = "kubescape-registry-scan";
  static final String CONFIG_KEY = "registries";
  static final String LEGACY_NAMESPACE = "armo-system";
  static final int DEFAULT_DEPTH = 1;

  private final ClusterResources cluster;
  private final String namespace;

  public RegistrySettings(ClusterResources cluster, String namespace) {
    this.cluster = cluster;
    this.namespace = namespace;
  }

  public RegistryTarget resolve(RegistryInfo info) {
    String name = info.registryName().trim().replaceAll("^https?://", "").replaceAll("/+$", "");
    int slash = name.indexOf('/');
    String host = slash < 0 ? name : name.substring(0, slash);
    String project = slash < 0 ? "" : name.substring(slash + 1);

    Map<String, Object> auth = storedCredentials(info.secretName(), name, host).orElse(Map.of());
    Map<String, Object> config = storedConfig(name).orElse(Map.of());

    String username = text(auth.get("username"));
    String password = text(auth.get("password"));
    String token = text(auth.get("registryToken"));
    boolean https = !Boolean.TRUE.equals(bool(auth.get("http")));
    boolean skipTls = Boolean.TRUE.equals(bool(auth.get("skipTLSVerify")));
    int depth = config.get("depth") instanceof Number n ? n.intValue() : DEFAULT_DEPTH;
    List<String> include = strings(config.get("include"));
    List<String> exclude = strings(config.get("exclude"));

    RegistryInfo.AuthMethod method = info.authMethod();
    if (method != null && method.username() != null && !method.username().isEmpty()) {
      username = method.username();
      password = method.password();
    }
    if (info.registryToken() != null && !info.registryToken().isEmpty()) {
      token = info.registryToken();
    }
    if (info.https() != null) {
      https = info.https();
    }
    if (info.skipTlsVerify() != null) {
      skipTls = info.skipTlsVerify();
    }
    if (info.depth() != null && info.depth() > 0) {
      depth = info.depth();
    }
    if (!info.include().isEmpty()) {
      include = info.include();
    }
    if (!info.exclude().isEmpty()) {
      exclude = info.exclude();
    }
    String provider =
        info.registryProvider() == null || info.registryProvider().isEmpty()
            ? RegistryTarget.guessProvider(host)
            : info.registryProvider();
    return new RegistryTarget(
        host, project, provider, https, skipTls, username, password, token, depth, include,
        exclude);
  }

  private Optional<Map<String, Object>> storedCredentials(
      String secretName, String registryName, String host) {
    List<Secret> secrets =
        secretName != null && !secretName.isEmpty()
            ? cluster.get(Secret.class, namespace, secretName).stream().toList()
            : cluster.list(Secret.class, namespace, Map.of()).stream()
                .filter(s -> s.getMetadata().getName().startsWith(SECRET_PREFIX))
                .toList();
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Secret secret : secrets) {
      entries.addAll(entries(secretValue(secret)));
    }
    return matching(entries, registryName, host);
  }

  private Optional<Map<String, Object>> storedConfig(String registryName) {
    Optional<ConfigMap> map =
        cluster
            .get(ConfigMap.class, namespace, CONFIG_MAP)
            .or(() -> cluster.get(ConfigMap.class, LEGACY_NAMESPACE, CONFIG_MAP));
    return map.map(ConfigMap::getData)
        .map(data -> data.get(CONFIG_KEY))
        .flatMap(json -> matching(entries(json), registryName, registryName));
  }

  private static String secretValue(Secret secret) {
    String key = ScheduleMetadata.REGISTRIES_AUTH;
    if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
      return secret.getStringData().get(key);
    }
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return new String(
          Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> entries(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      List<Object> list = WireJson.read(json.getBytes(StandardCharsets.UTF_8), List.class);
      return list.stream().filter(Map.class::isInstance).map(e -> (Map<String, Object>) e).toList();
    } catch (JacksonException e) {
      throw new RegistrySettingsException(
          "registry settings are not a JSON array: " + WireJson.describe(e));
    }
  }

  private static Optional<Map<String, Object>> matching(
      List<Map<String, Object>> entries, String registryName, String host) {
    return entries.stream()
        .filter(e -> Objects.equals(text(e.get("registry")), registryName))
        .findFirst()
        .or(
            () ->
                entries.stream()
                    .filter(e -> Objects.equals(text(e.get("registry")), host))
                    .findFirst());
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static Boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    return value instanceof String s ? Boolean.valueOf(s.trim()) : null;
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list
        ? list.stream().filter(Objects::nonNull).map(Object::toString).toList()
        : List.of();
  }

  /** Stored registry settings that cannot be read. */
  public static final class RegistrySettingsException extends RuntimeException {
    RegistrySettingsException(String message) {
      super(message);
    }
  }
}
