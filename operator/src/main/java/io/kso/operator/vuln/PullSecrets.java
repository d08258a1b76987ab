package io.kso.operator.vuln;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.kso.common.message.RegistryCredentials;
import io.kso.common.message.WireJson;
import io.kso.operator.port.ClusterResources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registry credentials a pod may pull with: the Docker config Secrets named by its imagePullSecrets
 * and by its service account's.
 */
final class PullSecrets {
  private static final String DOCKER_CONFIG_JSON = ".dockerconfigjson";
  private static final String DOCKER_CFG = ".dockercfg";

  private final ClusterResources cluster;

  PullSecrets(ClusterResources cluster) {
    this.cluster = cluster;
  }

  /** Credentials for the registry of {@code image}, from every pull secret of the pod. */
  List<RegistryCredentials> forImage(Pod pod, String image) {
    String registry = registryOf(image);
    return all(pod).stream().filter(c -> sameRegistry(c.serverAddress(), registry)).toList();
  }

  private List<RegistryCredentials> all(Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    Set<String> names = new LinkedHashSet<>();
    pod.getSpec().getImagePullSecrets().stream()
        .map(LocalObjectReference::getName)
        .forEach(names::add);
    String account =
        pod.getSpec().getServiceAccountName() == null
            ? "default"
            : pod.getSpec().getServiceAccountName();
    cluster
        .get(ServiceAccount.class, ns, account)
        .ifPresent(
            sa ->
                sa.getImagePullSecrets().stream()
                    .map(LocalObjectReference::getName)
                    .forEach(names::add));
    List<RegistryCredentials> out = new ArrayList<>();
    for (String name : names) {
      cluster.get(Secret.class, ns, name).ifPresent(secret -> out.addAll(parse(secret)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<RegistryCredentials> parse(Secret secret) {
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    String encoded = data.getOrDefault(DOCKER_CONFIG_JSON, data.get(DOCKER_CFG));
    if (encoded == null) {
      return List.of();
    }
    Map<String, Object> config = WireJson.read(Base64.getDecoder().decode(encoded), Map.class);
    Map<String, Map<String, String>> auths =
        (Map<String, Map<String, String>>)
            config.getOrDefault("auths", data.containsKey(DOCKER_CONFIG_JSON) ? Map.of() : config);
    List<RegistryCredentials> out = new ArrayList<>();
    auths.forEach(
        (server, auth) -> {
          String username = auth.get("username");
          String password = auth.get("password");
          if (username == null && auth.get("auth") != null) {
            String[] pair =
                new String(Base64.getDecoder().decode(auth.get("auth")), StandardCharsets.UTF_8)
                    .split(":", 2);
            username = pair[0];
            password = pair.length > 1 ? pair[1] : null;
          }
          out.add(
              new RegistryCredentials(
                  username,
                  password,
                  auth.get("auth"),
                  null,
                  server,
                  auth.get("identitytoken"),
                  auth.get("registrytoken")));
        });
    return out;
  }

  /** The registry host of an image reference; Docker Hub when the first part is not a host. */
  static String registryOf(String image) {
    int slash = image.indexOf('/');
    if (slash < 0) {
      return "docker.io";
    }
    String first = image.substring(0, slash);
    return first.contains(".") || first.contains(":") || first.equals("localhost")
        ? first
        : "docker.io";
  }

  private static boolean sameRegistry(String server, String registry) {
    if (server == null) {
      return false;
    }
    String host = server.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
    boolean hub =
        host.equals("index.docker.io")
            || host.equals("docker.io")
            || host.equals("registry-1.docker.io");
    return registry.equals("docker.io") ? hub : host.equals(registry);
  }
}
