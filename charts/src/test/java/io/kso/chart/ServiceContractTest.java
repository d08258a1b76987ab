package io.kso.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The chart runs the images the build produces, and agrees with each service on ports, probes and
 * config.
 */
class ServiceContractTest {
  static Rendered rendered;
  static Rendered scraped;

  @BeforeAll
  static void render() {
    rendered = HelmChart.renderDefault();
    scraped = HelmChart.render(Map.of("configurations.prometheusAnnotations", "enable"));
  }

  @ParameterizedTest(name = "{0} runs as {1}")
  @CsvSource({
    "gateway, gateway",
    "operator, operator",
    "kubevuln, kubevuln",
    "kubescape-svc, kubescape",
    "kollector, kollector"
  })
  void chartRunsTheImageTheBuildProduces(String module, String workload) {
    ServiceContract contract = ServiceContract.read(module);

    assertThat(contract.image()).isEqualTo("kso/" + module + ":" + HelmChart.projectVersion());
    assertThat(rendered.container(workload).getImage()).isEqualTo(contract.image());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "gateway, gateway",
    "operator, operator",
    "kubevuln, kubevuln",
    "kubescape-svc, kubescape",
    "kollector, kollector"
  })
  void portsAreTheOnesTheServiceListensOn(String module, String workload) {
    ServiceContract contract = ServiceContract.read(module);
    Container container = rendered.container(workload);

    Set<Integer> containerPorts =
        container.getPorts().stream()
            .map(ContainerPort::getContainerPort)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(containerPorts)
        .isEqualTo(contract.imagePorts())
        .isEqualTo(new TreeSet<>(contract.portVariables().values()));
    contract
        .portVariables()
        .forEach(
            (variable, port) ->
                assertThat(Rendered.env(container, variable))
                    .as(variable)
                    .isEqualTo(String.valueOf(port)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "gateway, gateway",
    "operator, operator",
    "kubevuln, kubevuln",
    "kubescape-svc, kubescape",
    "kollector, kollector"
  })
  void probesHitThePathsThePortServes(String module, String workload) {
    ServiceContract contract = ServiceContract.read(module);
    Container container = rendered.container(workload);

    assertProbe(
        container, container.getLivenessProbe(), contract.probePort(), contract.livenessPath());
    assertProbe(
        container, container.getStartupProbe(), contract.probePort(), contract.livenessPath());
    assertProbe(
        container, container.getReadinessProbe(), contract.probePort(), contract.readinessPath());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "gateway, gateway",
    "operator, operator",
    "kubevuln, kubevuln",
    "kubescape-svc, kubescape",
    "kollector, kollector"
  })
  void scrapeAnnotationsPointAtTheMetricsEndpoint(String module, String workload) {
    ServiceContract contract = ServiceContract.read(module);

    assertThat(scraped.podTemplate(workload).getMetadata().getAnnotations())
        .containsEntry("prometheus.io/port", String.valueOf(contract.metricsPort()))
        .containsEntry("prometheus.io/path", contract.metricsPath());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "gateway, gateway",
    "operator, operator",
    "kubevuln, kubevuln",
    "kubescape-svc, kubescape",
    "kollector, kollector"
  })
  void urlsConfigMapIsMountedWhereTheServiceReadsIt(String module, String workload) {
    ServiceContract contract = ServiceContract.read(module);
    PodSpec pod = rendered.podTemplate(workload).getSpec();
    Container container = pod.getContainers().get(0);

    assertThat(Rendered.env(container, contract.configVariable())).isEqualTo(contract.configPath());
    Volume volume =
        pod.getVolumes().stream()
            .filter(
                v ->
                    v.getConfigMap() != null
                        && "ks-cloud-config".equals(v.getConfigMap().getName()))
            .findFirst()
            .orElseThrow();
    VolumeMount mount =
        container.getVolumeMounts().stream()
            .filter(m -> m.getName().equals(volume.getName()))
            .findFirst()
            .orElseThrow();
    assertThat(mount.getMountPath() + "/" + volume.getConfigMap().getItems().get(0).getPath())
        .isEqualTo(contract.configPath());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"gateway", "operator", "kubevuln", "kubescape", "kollector"})
  void jvmFlagsAreTheSuitesServiceFlags(String workload) {
    assertThat(Rendered.env(rendered.container(workload), "JAVA_TOOL_OPTIONS"))
        .isEqualTo(String.join(" ", ServiceContract.jvmServiceFlags()));
  }

  @Test
  void servicesAndUrlsUseTheContainerPorts() throws Exception {
    JsonNode urls = new ObjectMapper().readTree(rendered.clusterData());
    Map<String, String> urlToService =
        Map.of(
            "gatewayWebsocketURL",
            "gateway",
            "gatewayRestURL",
            "gateway",
            "kubevulnURL",
            "kubevuln",
            "vulnScanURL",
            "kubevuln",
            "kubescapeURL",
            "kubescape");

    urlToService.forEach(
        (key, service) -> {
          String[] hostPort = urls.get(key).asString().split(":");
          assertThat(hostPort[0]).as(key).isEqualTo(service);
          Set<Integer> servicePorts =
              rendered.get(Service.class, service).getSpec().getPorts().stream()
                  .map(ServicePort::getPort)
                  .collect(Collectors.toSet());
          assertThat(servicePorts).as(key).contains(Integer.parseInt(hostPort[1]));
        });
    for (Service service : rendered.all(Service.class)) {
      Container container = rendered.container(service.getMetadata().getName());
      for (ServicePort port : service.getSpec().getPorts()) {
        assertThat(resolve(container, port.getTargetPort()))
            .as(service.getMetadata().getName() + " " + port.getName())
            .isEqualTo(port.getPort());
      }
    }
  }

  @Test
  void schedulersRunTheHttpRequestImageTheBuildProduces() {
    String image =
        ServiceContract.Jib.read(HelmChart.projectDir().resolve("http-request/pom.xml")).image();

    assertThat(image).isEqualTo("kso/http-request:" + HelmChart.projectVersion());
    for (CronJob cronJob : rendered.all(CronJob.class)) {
      assertThat(
              cronJob
                  .getSpec()
                  .getJobTemplate()
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .getImage())
          .isEqualTo(image);
    }
    for (String template : Hardening.CRONJOB_TEMPLATES) {
      assertThat(
              rendered
                  .cronJobTemplate(template)
                  .getSpec()
                  .getJobTemplate()
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .getImage())
          .isEqualTo(image);
    }
  }

  @Test
  void chartAppVersionIsTheProjectVersion() throws IOException {
    Map<String, Object> chart =
        new Yaml().load(Files.readString(HelmChart.dir().resolve("Chart.yaml")));

    assertThat(chart.get("appVersion")).isEqualTo(HelmChart.projectVersion());
  }

  /** When the images were built (no -Djib.skip), their tars name the same image and ports. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "gateway, gateway",
    "operator, operator",
    "kubevuln, kubevuln",
    "kubescape-svc, kubescape",
    "kollector, kollector",
    "http-request, "
  })
  void builtImageTarsAgreeWithTheChart(String module, String workload) throws Exception {
    Path tar = HelmChart.projectDir().resolve(module).resolve("target/jib-image.tar");
    assumeTrue(Files.isRegularFile(tar), "image not built: " + tar);
    ObjectMapper json = new ObjectMapper();
    try (TarFile file = new TarFile(tar)) {
      JsonNode manifest = json.readTree(read(file, "manifest.json")).get(0);
      JsonNode config = json.readTree(read(file, manifest.get("Config").asString())).path("config");

      assertThat(manifest.get("RepoTags").get(0).asString())
          .isEqualTo("kso/" + module + ":" + HelmChart.projectVersion());
      Set<Integer> exposed = new TreeSet<>();
      config
          .path("ExposedPorts")
          .propertyNames()
          .forEach(p -> exposed.add(Integer.parseInt(p.replace("/tcp", ""))));
      if (workload != null) {
        assertThat(exposed)
            .isEqualTo(
                rendered.container(workload).getPorts().stream()
                    .map(ContainerPort::getContainerPort)
                    .collect(Collectors.toCollection(TreeSet::new)));
      } else {
        assertThat(exposed).isEmpty();
      }
    }
  }

  private static byte[] read(TarFile file, String name) throws IOException {
    TarArchiveEntry entry =
        file.getEntries().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    try (InputStream in = file.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  private static void assertProbe(Container container, Probe probe, int port, String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(resolve(container, probe.getHttpGet().getPort())).isEqualTo(port);
  }

  private static int resolve(Container container, IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container.getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no port " + port.getStrVal()))
        .getContainerPort();
  }
}
