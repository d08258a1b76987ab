package io.kso.suite.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A stand-in Kubernetes API server on 127.0.0.1: fabric8's mock server in CRUD mode (objects are
 * stored, listed, watched and deleted as a real API server would). Reached through a kubeconfig
 * file, or, when it serves TLS, the way a pod reaches its cluster: a service account.
 */
public final class LocalCluster implements AutoCloseable {
  /** The mock server logs every request at INFO; keep a reference so the level sticks. */
  private static final java.util.logging.Logger MOCK_LOG = quietMockServerLog();

  private final KubernetesMockServer server;
  private final MockWebServer web;
  private final boolean tls;
  private final String url;

  private LocalCluster(KubernetesMockServer server, MockWebServer web, boolean tls) {
    this.server = server;
    this.web = web;
    this.tls = tls;
    this.url = (tls ? "https" : "http") + "://127.0.0.1:" + server.getPort();
  }

  /**
   * Starts the server over plain HTTP on {@code port} (0: any free port) with the given namespaces
   * created.
   */
  public static LocalCluster start(int port, String... namespaces) {
    return start(port, false, namespaces);
  }

  /**
   * Starts the server over TLS, with a self-signed certificate for 127.0.0.1, as a pod's API server
   * is reached: see {@link #writeServiceAccount}.
   */
  public static LocalCluster startWithTls(int port, String... namespaces) {
    return start(port, true, namespaces);
  }

  private static LocalCluster start(int port, boolean tls, String... namespaces) {
    MockWebServer web = new MockWebServer();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), web, new HashMap<>(), new KubernetesCrudDispatcher(), tls);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local API server on port " + port, e);
    }
    LocalCluster cluster = new LocalCluster(server, web, tls);
    try (NamespacedKubernetesClient client = server.createClient()) {
      for (String ns : namespaces) {
        client
            .namespaces()
            .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
            .create();
      }
    }
    return cluster;
  }

  private static java.util.logging.Logger quietMockServerLog() {
    java.util.logging.Logger logger =
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /**
   * Creates every object of a multi-document YAML (or JSON) stream, as {@code kubectl create -f}
   * would; returns how many.
   */
  public int create(java.io.InputStream yaml) {
    try (NamespacedKubernetesClient client = client()) {
      var items = client.load(yaml).items();
      items.forEach(item -> client.resource(item).create());
      return items.size();
    }
  }

  public String url() {
    return url;
  }

  /** Writes a kubeconfig whose current context points at this server. */
  public Path writeKubeconfig(Path file, String namespace) {
    String kubeconfig =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: local
          cluster:
            server: %s%s
        users:
        - name: local
          user:
            token: local-token
        contexts:
        - name: local
          context:
            cluster: local
            user: local
            namespace: %s
        current-context: local
        """
            .formatted(url, tls ? "\n    certificate-authority: " + certificate() : "", namespace);
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes what the kubelet mounts into a pod for its service account (a token, the cluster's CA
   * certificate and the namespace) into {@code dir}, and returns the environment that makes a
   * Kubernetes client use them: the API server's address in {@code KUBERNETES_SERVICE_HOST} and
   * {@code _PORT} as in every pod, and the three files by fabric8's variables, since they are not
   * at the pod's fixed path here. The kubeconfig route is switched off, so that a developer's own
   * {@code ~/.kube/config} is not taken instead.
   */
  public Map<String, String> writeServiceAccount(Path dir, String namespace) {
    if (!tls) {
      throw new IllegalStateException("a service account needs the API server over TLS");
    }
    try {
      Files.createDirectories(dir);
      Path token = Files.writeString(dir.resolve("token"), "local-token");
      Path ca =
          Files.copy(
              certificate(),
              dir.resolve("ca.crt"),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Path ns = Files.writeString(dir.resolve("namespace"), namespace);
      return Map.of(
          "KUBERNETES_SERVICE_HOST", "127.0.0.1",
          "KUBERNETES_SERVICE_PORT", Integer.toString(server.getPort()),
          "KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN", token.toString(),
          "KUBERNETES_CERTS_CA_FILE", ca.toString(),
          "KUBENAMESPACE", ns.toString(),
          "KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's self-signed certificate (PEM), valid for 127.0.0.1: its own CA. */
  private Path certificate() {
    return Path.of(web.getSelfSignedCertificate().certificatePath());
  }

  public NamespacedKubernetesClient client() {
    return server.createClient();
  }

  @Override
  public void close() {
    server.destroy();
  }
}
