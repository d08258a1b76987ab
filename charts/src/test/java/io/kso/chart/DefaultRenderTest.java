package io.kso.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The chart as the seed's basic install command renders it. */
class DefaultRenderTest {
  static final Path GOLDEN =
      HelmChart.projectDir().resolve("charts/src/test/resources/golden/default.yaml");

  static Rendered rendered;

  @BeforeAll
  static void render() {
    rendered = HelmChart.renderDefault();
  }

  @Test
  void matchesTheGoldenFile() throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, rendered.text());
    }
    assertThat(rendered.text())
        .as("default render; regenerate with -Dgolden.update=true and review the diff")
        .isEqualTo(Files.readString(GOLDEN));
  }

  @Test
  void parsesIntoValidKubernetesObjects() {
    assertThat(ObjectChecks.problems(rendered)).isEmpty();
  }

  @Test
  void rendersTheWholeSuite() {
    Set<String> objects =
        rendered.objects().stream()
            .map(o -> o.getKind() + "/" + o.getMetadata().getName())
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(objects)
        .containsExactlyInAnyOrder(
            "ConfigMap/ks-cloud-config",
            "ConfigMap/kubescape-config",
            "ConfigMap/kubescape-cronjob-template",
            "ConfigMap/kubevuln-cronjob-template",
            "ConfigMap/registry-scan-cronjob-template",
            "ConfigMap/kubescape-scheduler",
            "ConfigMap/kubevuln-scheduler",
            "CronJob/kubescape-scheduler",
            "CronJob/kubevuln-scheduler",
            "Deployment/gateway",
            "Deployment/operator",
            "Deployment/kubevuln",
            "Deployment/kubescape",
            "StatefulSet/kollector",
            "Service/gateway",
            "Service/operator",
            "Service/kubevuln",
            "Service/kubescape",
            "Service/kollector",
            "ServiceAccount/gateway",
            "ServiceAccount/operator",
            "ServiceAccount/kubevuln",
            "ServiceAccount/kubescape",
            "ServiceAccount/kollector",
            "ClusterRole/kubescape-operator",
            "ClusterRole/kubescape-kubescape",
            "ClusterRole/kubescape-kollector",
            "ClusterRoleBinding/kubescape-operator",
            "ClusterRoleBinding/kubescape-kubescape",
            "ClusterRoleBinding/kubescape-kollector",
            "Role/operator",
            "RoleBinding/operator");
    assertThat(rendered.objects())
        .filteredOn(o -> !(o instanceof ClusterRole || o instanceof ClusterRoleBinding))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("kubescape"));
  }

  @Test
  void everyPodIsHardenedSizedAndProbed() {
    assertThat(Hardening.problems(rendered)).isEmpty();
  }

  @Test
  void urlsConfigMapKeepsTheKeysComponentsRead() {
    JsonNode data = new ObjectMapper().readTree(rendered.clusterData());

    assertThat(data.propertyNames())
        .contains(
            "gatewayWebsocketURL",
            "gatewayRestURL",
            "vulnScanURL",
            "kubevulnURL",
            "kubescapeURL",
            "triggerNewImageScan",
            "accountID",
            "clusterName",
            "namespace",
            "keepLocal",
            "eventReceiverRestURL",
            "eventReceiverWebsocketURL",
            "rootGatewayURL",
            "maxImageSize",
            "scanTimeout",
            "storage");
    assertThat(data.get("gatewayWebsocketURL").asString()).isEqualTo("gateway:8001");
    assertThat(data.get("gatewayRestURL").asString()).isEqualTo("gateway:8002");
    assertThat(data.get("kubevulnURL").asString()).isEqualTo("kubevuln:8080");
    assertThat(data.get("vulnScanURL").asString()).isEqualTo("kubevuln:8080");
    assertThat(data.get("kubescapeURL").asString()).isEqualTo("kubescape:8080");
    assertThat(data.get("accountID").asString()).isEqualTo("my-account");
    assertThat(data.get("clusterName").asString()).isEqualTo("my-cluster");
    assertThat(data.get("namespace").asString()).isEqualTo("kubescape");
    assertThat(data.get("keepLocal").asBoolean()).isTrue();
    assertThat(data.get("triggerNewImageScan").asString()).isEqualTo("false");
    assertThat(data.get("maxImageSize").asLong()).isEqualTo(5368709120L);
  }

  @ParameterizedTest
  @CsvSource({"gateway", "operator", "kubevuln", "kubescape", "kollector"})
  void everyServiceMountsTheUrlsConfigMap(String service) {
    PodSpec pod = rendered.podTemplate(service).getSpec();
    Volume volume =
        pod.getVolumes().stream()
            .filter(
                v ->
                    v.getConfigMap() != null
                        && v.getConfigMap().getName().equals("ks-cloud-config"))
            .findFirst()
            .orElseThrow();
    VolumeMount mount =
        pod.getContainers().get(0).getVolumeMounts().stream()
            .filter(m -> m.getName().equals(volume.getName()))
            .findFirst()
            .orElseThrow();

    assertThat(mount.getReadOnly()).isTrue();
    assertThat(mount.getMountPath() + "/" + volume.getConfigMap().getItems().get(0).getPath())
        .isEqualTo("/etc/config/clusterData.json");
    assertThat(volume.getConfigMap().getItems().get(0).getKey()).isEqualTo("clusterData");
  }

  @Test
  void onlyComponentsThatCallTheApiGetAToken() {
    Map<String, Boolean> automount =
        Hardening.SERVICES.stream()
            .collect(
                Collectors.toMap(
                    s -> s,
                    s -> rendered.podTemplate(s).getSpec().getAutomountServiceAccountToken()));

    assertThat(automount)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "gateway",
                false,
                "kubevuln",
                false,
                "operator",
                true,
                "kubescape",
                true,
                "kollector",
                true));
    assertThat(rendered.all(ServiceAccount.class))
        .allSatisfy(sa -> assertThat(sa.getAutomountServiceAccountToken()).isFalse());
    assertThat(rendered.all(CronJob.class))
        .allSatisfy(
            c ->
                assertThat(
                        c.getSpec()
                            .getJobTemplate()
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getAutomountServiceAccountToken())
                    .isFalse());
  }

  @Test
  void clusterRolesOnlyReadAndNamespacedRolesWriteOnlyRecurringScanObjects() {
    List<PolicyRule> clusterRules =
        rendered.all(ClusterRole.class).stream().flatMap(r -> r.getRules().stream()).toList();
    List<PolicyRule> roleRules =
        rendered.all(Role.class).stream().flatMap(r -> r.getRules().stream()).toList();

    assertThat(clusterRules)
        .allSatisfy(rule -> assertThat(rule.getVerbs()).isSubsetOf("get", "list", "watch"));
    assertThat(clusterRules)
        .noneMatch(
            rule ->
                rule.getResources().contains("*")
                    || rule.getApiGroups().contains("*")
                    || rule.getVerbs().contains("*"));
    assertThat(roleRules)
        .flatExtracting(PolicyRule::getResources)
        .containsOnly("cronjobs", "configmaps", "secrets");
    assertThat(rendered.all(RoleBinding.class))
        .allSatisfy(
            b ->
                assertThat(b.getSubjects())
                    .singleElement()
                    .satisfies(s -> assertThat(s.getName()).isEqualTo("operator")));
    assertThat(rendered.all(ClusterRoleBinding.class))
        .flatExtracting(ClusterRoleBinding::getSubjects)
        .extracting(s -> s.getName())
        .containsExactlyInAnyOrder("operator", "kubescape", "kollector");
  }

  @Test
  void everyRbacRuleHasItsReasonBesideIt() {
    for (String document : rendered.text().split("(?m)^---\\s*$")) {
      if (!document.contains("kind: ClusterRole\n") && !document.contains("kind: Role\n")) {
        continue;
      }
      List<String> lines = document.lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).strip().startsWith("- apiGroups:")) {
          assertThat(lines.get(i - 1).strip())
              .as("comment above rule %d of%n%s", i, document)
              .startsWith("#");
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "kubescape-scheduler, kubescape-scan, '{\"commands\":[{\"CommandName\":\"kubescapeScan\",\"args\":{\"scanV1\": {}}}]}'",
    "kubevuln-scheduler, vuln-scan, '{\"commands\":[{\"commandName\":\"scan\",\"designators\":[{\"designatorType\":\"Attributes\",\"attributes\":{}}]}]}'"
  })
  void schedulersPostTheirBodyToTheOperator(String name, String tier, String body) {
    CronJob cronJob = rendered.get(CronJob.class, name);
    assertThat(cronJob.getSpec().getSchedule()).isEqualTo("0 0 * * *");
    assertThat(rendered.configMap(name).getData())
        .containsExactly(Map.entry("request-body.json", body));
    assertScanPod(cronJob, name, tier);
  }

  @ParameterizedTest
  @CsvSource({
    "kubescape-cronjob-template, kubescape-scheduler, kubescape-scan",
    "kubevuln-cronjob-template, kubevuln-scheduler, vuln-scan",
    "registry-scan-cronjob-template, registry-scheduler, registry-scan"
  })
  void templatesHoldTheCronJobTheOperatorCopies(String configMap, String name, String tier) {
    ConfigMap template = rendered.configMap(configMap);
    assertThat(template.getData()).containsOnlyKeys("cronjobTemplate");

    CronJob cronJob = rendered.cronJobTemplate(configMap);
    assertThat(cronJob.getMetadata().getLabels())
        .containsEntry("armo.tier", tier)
        .doesNotContainKey("app.kubernetes.io/managed-by");
    assertScanPod(cronJob, name, tier);
  }

  private static void assertScanPod(CronJob cronJob, String name, String tier) {
    assertThat(cronJob.getMetadata().getName()).isEqualTo(name);
    PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("armo.tier", tier);
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    Container container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("kso/http-request:" + HelmChart.projectVersion());
    assertThat(container.getCommand())
        .as("the image's entry point carries the JVM flags")
        .isEmpty();
    assertThat(container.getArgs())
        .containsExactly(
            "-method=post",
            "-scheme=http",
            "-host=operator:4002",
            "-path=v1/triggerAction",
            "-headers=Content-Type:application/json",
            "-path-body=/home/ks/request-body.json");
    VolumeMount body = container.getVolumeMounts().get(0);
    assertThat(body.getMountPath()).isEqualTo("/home/ks/request-body.json");
    assertThat(body.getSubPath()).isEqualTo("request-body.json");
    assertThat(body.getReadOnly()).isTrue();
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals(body.getName()))
        .singleElement()
        .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo(name));
    assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("96Mi");
  }

  @Test
  void notesTellWhatWasInstalledAndHowToSeeTheFirstResults() {
    InstallCommand install =
        new Helm(HelmChart.dir())
            .install()
            .withName(HelmChart.RELEASE)
            .withNamespace(HelmChart.NAMESPACE)
            .withKubeVersion(HelmChart.KUBE_VERSION)
            .clientOnly()
            .dryRun();
    HelmChart.REQUIRED.forEach(install::set);

    String output = install.call().getOutput();

    assertThat(output)
        .contains("is installed in namespace kubescape for cluster \"my-cluster\"")
        .contains("(StatefulSet kollector)")
        .contains("kubectl -n kubescape create job --from=cronjob/kubescape-scheduler first-scan")
        .contains(
            "kubectl -n kubescape create job --from=cronjob/kubevuln-scheduler first-image-scan")
        .contains("No backend is configured")
        .contains("/v1/metrics");
  }
}
