package io.kso.chart;

import static io.kso.chart.Rendered.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** kubescape-svc's settings: environment, the kubescape-config file, and the results volume. */
class KubescapeSettingsTest {
  static final String SHA256 = "0123456789abcdef".repeat(4);
  static final String RESULTS = "/home/nonroot/results";
  static final String CONFIG_FILE = "/home/nonroot/.kubescape/config.json";

  static Container defaults;

  @BeforeAll
  static void render() {
    defaults = HelmChart.renderDefault().container("kubescape");
  }

  static Stream<Arguments> defaultEnvironment() {
    return Stream.of(
        Arguments.of("KS_PORT", "8080"),
        Arguments.of("KS_SUBMIT", "true"),
        Arguments.of("KS_KEEP_LOCAL", "true"),
        Arguments.of("KS_DOWNLOAD_ARTIFACTS", "false"),
        Arguments.of("KS_BUNDLE_URL", ""),
        Arguments.of("KS_BUNDLE_SHA256", ""),
        Arguments.of("KS_EXCLUDE_NAMESPACES", ""),
        Arguments.of("KS_INCLUDE_NAMESPACES", ""),
        Arguments.of("KS_FORMAT", null),
        Arguments.of("KS_SKIP_UPDATE_CHECK", "false"),
        Arguments.of("KS_ENABLE_HOST_SCANNER", "false"),
        Arguments.of("KS_ACCOUNT", "my-account"),
        Arguments.of("CLUSTER_NAME", "my-cluster"),
        Arguments.of("KS_RESULTS_DIR", RESULTS),
        Arguments.of("KS_RESULTS_KEEP", "20"),
        Arguments.of("KS_QUEUE_SIZE", "8"),
        Arguments.of("KS_METRICS_MAX_AGE", "10m"),
        Arguments.of("KS_CONFIG_FILE", CONFIG_FILE));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("defaultEnvironment")
  void everyVariableHasItsChartDefault(String name, String value) {
    assertThat(env(defaults, name)).isEqualTo(value);
  }

  static Stream<Arguments> overrides() {
    return Stream.of(
        yaml("kubescape: {service: {port: 9090}}", "KS_PORT", "9090"),
        yaml("kubescape: {submit: false}", "KS_SUBMIT", "false"),
        yaml("eventReceiverHttpUrl: https://er.example.com", "KS_KEEP_LOCAL", "false"),
        yaml(
            "eventReceiverHttpUrl: https://er.example.com\nkubescape: {keepLocal: true}",
            "KS_KEEP_LOCAL",
            "true"),
        yaml(download(), "KS_DOWNLOAD_ARTIFACTS", "true"),
        yaml(download(), "KS_BUNDLE_URL", "https://bundles.example.com/controls.zip"),
        yaml(download(), "KS_BUNDLE_SHA256", SHA256),
        yaml(
            "kubescape: {excludeNamespaces: [kube-system, kube-public]}",
            "KS_EXCLUDE_NAMESPACES",
            "kube-system,kube-public"),
        yaml(
            "kubescape: {excludeNamespaces: 'kube-system,kube-public'}",
            "KS_EXCLUDE_NAMESPACES",
            "kube-system,kube-public"),
        yaml(
            "kubescape: {includeNamespaces: [default, shop]}",
            "KS_INCLUDE_NAMESPACES",
            "default,shop"),
        yaml("kubescape: {format: prometheus}", "KS_FORMAT", "prometheus"),
        yaml("kubescape: {skipUpdateCheck: true}", "KS_SKIP_UPDATE_CHECK", "true"),
        yaml("kubescape: {enableHostScan: true}", "KS_ENABLE_HOST_SCANNER", "true"),
        set("account", "acc-2", "KS_ACCOUNT", "acc-2"),
        set("clusterName", "prod/eu cluster", "CLUSTER_NAME", "prod-eu-cluster"),
        yaml("kubescape: {results: {keep: 5}}", "KS_RESULTS_KEEP", "5"),
        yaml("kubescape: {queueSize: 2}", "KS_QUEUE_SIZE", "2"),
        yaml("kubescape: {metrics: {maxAge: 1h}}", "KS_METRICS_MAX_AGE", "1h"));
  }

  @ParameterizedTest(name = "{2} from {0}{1}")
  @MethodSource("overrides")
  void everySettingReachesItsVariable(
      String yaml, Map<String, String> sets, String name, String value) {
    assertThat(env(HelmChart.render(yaml, sets).container("kubescape"), name)).isEqualTo(value);
  }

  private static Arguments yaml(String yaml, String name, String value) {
    return Arguments.of(yaml, Map.of(), name, value);
  }

  /** account and clusterName: the required values every render sets win over a values file. */
  private static Arguments set(String key, String setting, String name, String value) {
    return Arguments.of(null, Map.of(key, setting), name, value);
  }

  @Test
  void everyVariableTheServiceReadsIsSet() throws IOException {
    Properties props = new Properties();
    Path file =
        HelmChart.projectDir().resolve("kubescape-svc/src/main/resources/application.properties");
    try (var in = Files.newInputStream(file)) {
      props.load(in);
    }
    Set<String> read = new TreeSet<>();
    Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(props.values().toString());
    while (m.find()) {
      read.add(m.group(1));
    }
    Set<String> rendered =
        HelmChart.render("kubescape: {format: json}").container("kubescape").getEnv().stream()
            .map(EnvVar::getName)
            .collect(Collectors.toSet());

    assertThat(rendered).as("set by the chart").containsAll(read);
  }

  @Test
  void downloadingWithoutABundleIsRefused() {
    assertThatThrownBy(() -> HelmChart.render("kubescape: {downloadArtifacts: true}"))
        .hasMessageContaining("set kubescape.bundle.url and kubescape.bundle.sha256");
  }

  @Test
  void configFileHoldsAccountClusterAndBackendUrlsButNoAccessKey() {
    Rendered r =
        HelmChart.render(
            """
            clientID: the-client-id
            secretKey: the-secret-key
            eventReceiverHttpUrl: https://report.example.com
            backendOpenAPI: https://api.example.com/api
            """,
            Map.of("account", "acc-1", "clusterName", "prod/eu cluster"));

    String json = r.configMap("kubescape-config").getData().get("config.json");
    JsonNode config = new ObjectMapper().readTree(json);
    assertThat(config.propertyNames())
        .containsExactlyInAnyOrder("accountID", "clusterName", "cloudReportURL", "cloudAPIURL");
    assertThat(config.get("accountID").asString()).isEqualTo("acc-1");
    assertThat(config.get("clusterName").asString()).isEqualTo("prod-eu-cluster");
    assertThat(config.get("cloudReportURL").asString()).isEqualTo("https://report.example.com");
    assertThat(config.get("cloudAPIURL").asString()).isEqualTo("https://api.example.com/api");
    assertThat(json).doesNotContain("the-client-id").doesNotContain("the-secret-key");
  }

  @Test
  void configFileIsMountedReadOnlyWhereKsConfigFilePoints() {
    PodSpec pod = HelmChart.renderDefault().podTemplate("kubescape").getSpec();
    Volume volume = volume(pod, "kubescape-config");
    VolumeMount mount = mount(pod, "kubescape-config");

    assertThat(volume.getConfigMap().getName()).isEqualTo("kubescape-config");
    assertThat(volume.getConfigMap().getItems())
        .singleElement()
        .satisfies(i -> assertThat(i.getKey()).isEqualTo("config.json"));
    assertThat(mount.getReadOnly()).isTrue();
    assertThat(mount.getMountPath() + "/" + volume.getConfigMap().getItems().get(0).getPath())
        .isEqualTo(env(pod.getContainers().get(0), "KS_CONFIG_FILE"));
  }

  @Test
  void podRestartsWhenTheConfigFileChanges() {
    String key = "checksum/kubescape-config";
    String before =
        HelmChart.renderDefault().podTemplate("kubescape").getMetadata().getAnnotations().get(key);
    String after =
        HelmChart.render("backendOpenAPI: https://api.example.com")
            .podTemplate("kubescape")
            .getMetadata()
            .getAnnotations()
            .get(key);

    assertThat(before).isNotBlank().isNotEqualTo(after);
  }

  @Test
  void resultsLiveInAnEmptyDirByDefault() {
    Rendered r = HelmChart.renderDefault();
    PodSpec pod = r.podTemplate("kubescape").getSpec();

    assertThat(volume(pod, "results").getEmptyDir().getSizeLimit().toString()).isEqualTo("1Gi");
    assertThat(mount(pod, "results").getMountPath()).isEqualTo(RESULTS);
    assertThat(mount(pod, "results").getReadOnly()).isNotEqualTo(Boolean.TRUE);
    assertThat(r.all(PersistentVolumeClaim.class)).isEmpty();
    assertThat(r.get(Deployment.class, "kubescape").getSpec().getStrategy()).isNull();
  }

  @Test
  void persistenceKeepsResultsOnANewClaim() {
    Rendered r =
        HelmChart.render(
            "kubescape: {persistence: {enabled: true, storageClass: fast, size: 5Gi, accessMode: ReadWriteOncePod}}");

    PersistentVolumeClaim claim = r.get(PersistentVolumeClaim.class, "kubescape-results");
    assertThat(claim.getMetadata().getNamespace()).isEqualTo(HelmChart.NAMESPACE);
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOncePod");
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("5Gi");
    PodSpec pod = r.podTemplate("kubescape").getSpec();
    assertThat(volume(pod, "results").getPersistentVolumeClaim().getClaimName())
        .isEqualTo("kubescape-results");
    assertThat(volume(pod, "results").getEmptyDir()).isNull();
    assertThat(mount(pod, "results").getMountPath()).isEqualTo(RESULTS);
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(65532L);
    assertThat(r.get(Deployment.class, "kubescape").getSpec().getStrategy().getType())
        .isEqualTo("Recreate");
    assertThat(r.text())
        .as("an upgrade from RollingUpdate must clear its defaults")
        .contains("rollingUpdate: null");
  }

  @ParameterizedTest(name = "storageClass ''{0}''")
  @MethodSource("storageClasses")
  void storageClassDefaultsToTheClustersAndDashAsksForNone(String value, String expected) {
    Rendered r =
        HelmChart.render(
            "kubescape: {persistence: {enabled: true, storageClass: '" + value + "'}}");

    assertThat(r.get(PersistentVolumeClaim.class, "kubescape-results").getSpec())
        .satisfies(s -> assertThat(s.getStorageClassName()).isEqualTo(expected));
  }

  static Stream<Arguments> storageClasses() {
    return Stream.of(Arguments.of("", null), Arguments.of("-", ""));
  }

  @Test
  void anExistingClaimIsMountedAndNoneIsCreated() {
    Rendered r =
        HelmChart.render("kubescape: {persistence: {enabled: true, existingClaim: my-results}}");

    assertThat(r.all(PersistentVolumeClaim.class)).isEmpty();
    assertThat(
            volume(r.podTemplate("kubescape").getSpec(), "results")
                .getPersistentVolumeClaim()
                .getClaimName())
        .isEqualTo("my-results");
  }

  @Test
  void aClaimIsWritableEvenWhenThePodSecurityContextLeavesOutFsGroup() {
    Map<String, String> noFsGroup = Map.of("global.podSecurityContext.fsGroup", "null");
    Rendered withClaim = HelmChart.render("kubescape: {persistence: {enabled: true}}", noFsGroup);
    Rendered withoutClaim = HelmChart.render(noFsGroup);

    assertThat(withClaim.podTemplate("kubescape").getSpec().getSecurityContext().getFsGroup())
        .isEqualTo(65532L);
    assertThat(withoutClaim.podTemplate("kubescape").getSpec().getSecurityContext().getFsGroup())
        .isNull();
  }

  @Test
  void readmeSaysWhichSeedValuesHaveNoEffectAndWhy() throws IOException {
    String readme = Files.readString(HelmChart.dir().resolve("README.md"));
    String section =
        readme.substring(
            readme.indexOf("## kubescape (posture scanner)"), readme.indexOf("## Options"));

    assertThat(section)
        .contains("### Sizing")
        .contains("`kubescape.skipUpdateCheck`")
        .contains("`kubescape.enableHostScan`")
        .contains("no effect");
  }

  private static String download() {
    return "kubescape: {downloadArtifacts: true, bundle: {url: 'https://bundles.example.com/controls.zip', sha256: "
        + SHA256
        + "}}";
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  private static VolumeMount mount(PodSpec pod, String name) {
    return pod.getContainers().get(0).getVolumeMounts().stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no mount of " + name));
  }
}
