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

/**
 * A stand-in Kubernetes API server on 127.0.0.1: fabric8's mock server in CRUD mode (objects are
 * stored, listed, watched and deleted as a real API server would), reached through a kubeconfig
 * file like any cluster.
 */
public final class LocalCluster implements AutoCloseable {
  /** The mock server logs every request at INFO; keep a reference so the level sticks. */
  private static final java.util.logging.Logger MOCK_LOG = quietMockServerLog();

  private final KubernetesMockServer server;
  private final String url;

  private LocalCluster(KubernetesMockServer server) {
    this.server = server;
    this.url = "http://127.0.0.1:" + server.getPort();
  }

  /** Starts the server on {@code port} (0: any free port) with the given namespaces created. */
  public static LocalCluster start(int port, String... namespaces) {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local API server on port " + port, e);
    }
    LocalCluster cluster = new LocalCluster(server);
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
            server: %s
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
            .formatted(url, namespace);
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public NamespacedKubernetesClient client() {
    return server.createClient();
  }

  @Override
  public void close() {
    server.destroy();
  }
}
