package io.kso.suite;

import io.kso.common.config.ClusterConfig;
import io.kso.common.message.WireJson;
import io.kso.suite.cluster.LocalCluster;
import io.kso.suite.process.ServiceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each service of a local suite listens, and the cluster configuration file that wires them
 * together, as the chart's {@code ks-cloud-config} does in a cluster. Every port is a free one on
 * 127.0.0.1, so a local suite never collides with anything else on the machine.
 */
public final class SuiteLayout {
  public static final String NAMESPACE = "kubescape";
  public static final String CLUSTER_NAME = "local";
  public static final String ACCOUNT_ID = "00000000-0000-4000-8000-00000000000a";

  private final Path projectDir;
  private final Path workDir;
  private final Map<String, Integer> ports = new HashMap<>();

  public SuiteLayout(Path projectDir, Path workDir) {
    this.projectDir = projectDir;
    this.workDir = workDir;
  }

  public Path workDir() {
    return workDir;
  }

  public Path jar(String module) {
    return projectDir.resolve(module).resolve("target").resolve(module + ".jar");
  }

  /** Writes clusterData.json and returns the five services, ready to start. */
  public List<ServiceSpec> services(Path kubeconfig) {
    return services(Map.of("KUBECONFIG", kubeconfig.toString()));
  }

  /**
   * As {@link #services(Path)}, with the services that talk to the API server reaching it through
   * {@code clusterAccess} (a kubeconfig, or {@link LocalCluster#writeServiceAccount}).
   */
  public List<ServiceSpec> services(Map<String, String> clusterAccess) {
    Path config = writeClusterData();
    Map<String, String> common = Map.of("CONFIG", config.toString());
    Map<String, String> inCluster = new HashMap<>(clusterAccess);
    inCluster.put("CONFIG", config.toString());
    inCluster.put("NAMESPACE", NAMESPACE);
    return List.of(
        spec(
            "gateway",
            common,
            Map.of(
                "PROBE_PORT",
                "gateway.probe",
                "WEBSOCKET_PORT",
                "gateway.ws",
                "HTTP_PORT",
                "gateway.rest"),
            "gateway.probe",
            "/v1/liveness",
            "/v1/readiness"),
        spec(
            "operator",
            inCluster,
            Map.of("PROBE_PORT", "operator.probe", "PORT", "operator.api"),
            "operator.probe",
            "/v1/liveness",
            "/v1/readiness"),
        spec(
            "kubevuln",
            kubevulnEnv(config),
            Map.of("PORT", "kubevuln.api"),
            "kubevuln.api",
            "/v1/liveness",
            "/v1/readiness"),
        spec(
            "kubescape-svc",
            inCluster,
            Map.of("KS_PORT", "kubescape.api"),
            "kubescape.api",
            "/livez",
            "/readyz"),
        spec(
            "kollector",
            inCluster,
            Map.of("PROBE_PORT", "kollector.probe"),
            "kollector.probe",
            "/v1/liveness",
            "/v1/readiness"));
  }

  /**
   * kubevuln keeps its store and caches in the work directory, and imports a one-record sample
   * (written from the suite's resources) so that it has data and becomes ready; real data comes
   * from {@code VULN_DATA_SOURCES} (docs/kubevuln.md).
   */
  private Map<String, String> kubevulnEnv(Path config) {
    Path osv = workDir.resolve("osv-sample").resolve("KSO-SAMPLE-0001.json");
    try (var in = SuiteLayout.class.getResourceAsStream("/osv-sample/KSO-SAMPLE-0001.json")) {
      Files.createDirectories(osv.getParent());
      Files.write(osv, in.readAllBytes());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write the sample OSV data to " + osv, e);
    }
    // Under /tmp, so that it is writable both on this machine and in an image run (a tmpfs there);
    // the data file itself is copied into an image's rootfs like the clusterData file.
    return Map.of(
        "CONFIG",
        config.toString(),
        "KUBEVULN_DATA_DIR",
        "/tmp/kso-kubevuln-" + workDir.getFileName(),
        "VULN_DATA_SOURCES",
        osv.toString());
  }

  /** The cluster configuration every service reads, with in-cluster URLs on 127.0.0.1. */
  public ClusterConfig clusterData() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("clusterName", CLUSTER_NAME);
    data.put("accountID", ACCOUNT_ID);
    data.put("namespace", NAMESPACE);
    data.put("gatewayWebsocketURL", local("gateway.ws"));
    data.put("gatewayRestURL", local("gateway.rest"));
    data.put("kubevulnURL", local("kubevuln.api"));
    data.put("vulnScanURL", local("kubevuln.api"));
    data.put("kubescapeURL", local("kubescape.api"));
    data.put("keepLocal", true);
    data.put("triggerNewImageScan", false);
    data.put("imageVulnerabilitiesScanningEnabled", true);
    data.put("postureScanEnabled", true);
    data.put("scanTimeout", "5m");
    return WireJson.convert(data, ClusterConfig.class);
  }

  private ServiceSpec spec(
      String module,
      Map<String, String> base,
      Map<String, String> portEnv,
      String probePort,
      String live,
      String ready) {
    Map<String, String> env = new LinkedHashMap<>(base);
    portEnv.forEach((var, portName) -> env.put(var, Integer.toString(port(portName))));
    URI probeBase = URI.create("http://127.0.0.1:" + port(probePort));
    return new ServiceSpec(
        module, jar(module), env, probeBase.resolve(live), probeBase.resolve(ready));
  }

  private Path writeClusterData() {
    try {
      Files.createDirectories(workDir);
      return Files.write(
          workDir.resolve("clusterData.json"),
          WireJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(clusterData()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String local(String portName) {
    return "127.0.0.1:" + port(portName);
  }

  private int port(String name) {
    return ports.computeIfAbsent(name, n -> freePort());
  }

  /**
   * A port of 127.0.0.1 free now and not handed out before by this JVM: the kernel may give the
   * same ephemeral port to two probes in a row, and two services given one port collide when they
   * start.
   */
  public static int freePort() {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (HANDED_OUT.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final java.util.Set<Integer> HANDED_OUT =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
}
