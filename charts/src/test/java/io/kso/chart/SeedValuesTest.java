package io.kso.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every key of the seed document's values table changes the render the way the table says. */
class SeedValuesTest {
  /** The keys of the seed's values table, in its order. */
  static final List<String> SEED_KEYS =
      List.of(
          "global.networkPolicy.enabled",
          "global.networkPolicy.createEgressRules",
          "global.kubescapePsp.enabled",
          "global.httpsProxy",
          "global.proxySecretFile",
          "kollector.affinity",
          "kollector.env[0]",
          "kollector.image.repository",
          "kollector.nodeSelector",
          "kollector.volumes",
          "kollector.volumeMounts",
          "kubescape.affinity",
          "kubescape.downloadArtifacts",
          "kubescape.enableHostScan",
          "kubescape.image.repository",
          "kubescape.nodeSelector",
          "kubescape.serviceMonitor.enabled",
          "kubescape.skipUpdateCheck",
          "kubescape.submit",
          "kubescape.volumes",
          "kubescape.volumeMounts",
          "kubescapeScheduler.enabled",
          "kubescapeScheduler.image.repository",
          "kubescapeScheduler.scanSchedule",
          "kubescapeScheduler.volumes",
          "kubescapeScheduler.volumeMounts",
          "gateway.affinity",
          "gateway.image.repository",
          "gateway.nodeSelector",
          "gateway.volumes",
          "gateway.volumeMounts",
          "kubevuln.affinity",
          "kubevuln.image.repository",
          "kubevuln.nodeSelector",
          "kubevuln.volumes",
          "kubevuln.volumeMounts",
          "kubevulnScheduler.enabled",
          "kubevulnScheduler.image.repository",
          "kubevulnScheduler.scanSchedule",
          "kubevulnScheduler.volumes",
          "kubevulnScheduler.volumeMounts",
          "operator.affinity",
          "operator.image.repository",
          "operator.nodeSelector",
          "operator.volumes",
          "operator.volumeMounts",
          "hostScanner.volumes",
          "hostScanner.volumeMounts",
          "awsIamRoleArn",
          "addRevisionLabel",
          "cloudProviderMetadata.cloudRegion",
          "cloudProviderMetadata.gkeProject",
          "cloudProviderMetadata.gkeServiceAccount",
          "cloudProviderMetadata.aksSubscriptionID",
          "cloudProviderMetadata.aksResourceGroup",
          "triggerNewImageScan",
          "volumes",
          "volumeMounts");

  /** Keys accepted for compatibility that change nothing yet: kso has no host scanner. */
  static final Set<String> NO_EFFECT = Set.of("hostScanner.volumes", "hostScanner.volumeMounts");

  static final Path SEED =
      HelmChart.projectDir().resolveSibling("shared/seed/kubescape-operator-chart-README.md");

  static String defaultText;

  /** One key of the table: the values that set it, and what must change. */
  record Case(String key, String yaml, String kubeVersion, Consumer<Rendered> check) {
    Case(String key, String yaml, Consumer<Rendered> check) {
      this(key, yaml, HelmChart.KUBE_VERSION, check);
    }

    @Override
    public String toString() {
      return key;
    }
  }

  @BeforeAll
  static void renderDefault() {
    defaultText = HelmChart.renderDefault().text();
  }

  @Test
  void casesCoverTheSeedTableExactly() throws IOException {
    assertThat(cases().map(Case::key).toList()).containsExactlyElementsOf(SEED_KEYS);
    assumeTrue(Files.isRegularFile(SEED), "seed document not found at " + SEED);
    List<String> seedKeys = new ArrayList<>();
    Matcher row =
        Pattern.compile("(?m)^\\| ([A-Za-z][A-Za-z0-9_.\\[\\]]*) \\| ")
            .matcher(Files.readString(SEED));
    while (row.find()) {
      if (!row.group(1).equals("Key")) {
        seedKeys.add(row.group(1));
      }
    }
    assertThat(SEED_KEYS).containsExactlyElementsOf(seedKeys);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void changesTheRenderAsDescribed(Case c) {
    Rendered rendered = Rendered.parse(HelmChart.template(c.yaml(), Map.of(), c.kubeVersion()));

    if (NO_EFFECT.contains(c.key())) {
      assertThat(rendered.text()).isEqualTo(defaultText);
    } else {
      assertThat(rendered.text()).isNotEqualTo(defaultText);
    }
    c.check().accept(rendered);
    assertThat(ObjectChecks.problems(rendered)).isEmpty();
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case(
            "global.networkPolicy.enabled",
            "global: {networkPolicy: {enabled: true}}",
            r -> {
              assertThat(names(r.all(NetworkPolicy.class)))
                  .containsExactlyInAnyOrder(
                      "gateway",
                      "operator",
                      "kubevuln",
                      "kubescape",
                      "kollector",
                      "scan-schedulers");
              assertThat(r.all(NetworkPolicy.class))
                  .allSatisfy(
                      np -> assertThat(np.getSpec().getPolicyTypes()).containsExactly("Ingress"));
            }));
    cases.add(
        new Case(
            "global.networkPolicy.createEgressRules",
            "global: {networkPolicy: {enabled: true, createEgressRules: true}}",
            r ->
                assertThat(r.all(NetworkPolicy.class))
                    .allSatisfy(
                        np ->
                            assertThat(np.getSpec().getPolicyTypes())
                                .containsExactly("Ingress", "Egress"))));
    cases.add(
        new Case(
            "global.kubescapePsp.enabled",
            "global: {kubescapePsp: {enabled: true}}",
            "v1.24.17",
            r -> assertThat(r.find("PodSecurityPolicy", "kso-restricted")).isPresent()));
    cases.add(
        new Case(
            "global.httpsProxy",
            "global: {httpsProxy: 'proxy.example.com:3128'}",
            r -> {
              assertThat(Rendered.env(r.container("operator"), "HTTPS_PROXY"))
                  .isEqualTo("http://proxy.example.com:3128");
              assertThat(Rendered.env(r.container("kubevuln"), "JAVA_TOOL_OPTIONS"))
                  .contains("-Dhttps.proxyHost=proxy.example.com -Dhttps.proxyPort=3128");
            }));
    cases.add(
        new Case(
            "global.proxySecretFile",
            "global: {proxySecretFile: \"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\"}",
            r -> {
              assertThat(r.get(Secret.class, "kubescape-proxy-certificate").getData())
                  .containsKey("proxy.crt");
              for (String service : Hardening.SERVICES) {
                assertThat(r.container(service).getVolumeMounts())
                    .extracting(VolumeMount::getMountPath)
                    .contains("/etc/ssl/certs/proxy.crt");
              }
            }));
    for (String component : List.of("kollector", "kubescape", "gateway", "kubevuln", "operator")) {
      componentCases(component).forEach(cases::add);
    }
    cases.add(
        new Case(
            "kubevulnScheduler.enabled",
            "kubevulnScheduler: {enabled: false}",
            r -> assertThat(r.find(CronJob.class, "kubevuln-scheduler")).isEmpty()));
    schedulerCases("kubevulnScheduler", "kubevuln-scheduler").forEach(cases::add);
    for (String key : List.of("volumes", "volumeMounts")) {
      cases.add(
          new Case(
              "hostScanner." + key,
              "hostScanner: {" + key + ": [{name: host, mountPath: /host, emptyDir: {}}]}",
              r -> {}));
    }
    cases.add(
        new Case(
            "awsIamRoleArn",
            "awsIamRoleArn: arn:aws:iam::123456789012:role/kso",
            r -> {
              for (String sa : List.of("kubescape", "kubevuln")) {
                assertThat(r.get(ServiceAccount.class, sa).getMetadata().getAnnotations())
                    .containsEntry(
                        "eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/kso");
              }
            }));
    cases.add(
        new Case(
            "addRevisionLabel",
            "addRevisionLabel: false",
            r ->
                assertThat(Hardening.pods(r).values())
                    .allSatisfy(
                        p ->
                            assertThat(p.getMetadata().getLabels())
                                .doesNotContainKey("helm.sh/revision"))));
    cases.add(
        new Case(
            "cloudProviderMetadata.cloudRegion",
            "cloudProviderMetadata: {cloudRegion: eu-west-1}",
            r ->
                assertThat(Rendered.env(r.container("kubescape"), "KS_CLOUD_REGION"))
                    .isEqualTo("eu-west-1")));
    cases.add(
        new Case(
            "cloudProviderMetadata.gkeProject",
            "cloudProviderMetadata: {gkeProject: my-project}",
            r -> {
              assertThat(Rendered.env(r.container("kubescape"), "KS_GKE_PROJECT"))
                  .isEqualTo("my-project");
              assertThat(Rendered.env(r.container("kubescape"), "KS_CLOUD_PROVIDER"))
                  .isEqualTo("gke");
              assertThat(r.clusterData()).contains("\"clusterProvider\": \"gke\"");
            }));
    cases.add(
        new Case(
            "cloudProviderMetadata.gkeServiceAccount",
            "cloudProviderMetadata: {gkeServiceAccount: kso@my-project.iam.gserviceaccount.com}",
            r ->
                assertThat(r.get(ServiceAccount.class, "kubevuln").getMetadata().getAnnotations())
                    .containsEntry(
                        "iam.gke.io/gcp-service-account",
                        "kso@my-project.iam.gserviceaccount.com")));
    cases.add(
        new Case(
            "cloudProviderMetadata.aksSubscriptionID",
            "cloudProviderMetadata: {aksSubscriptionID: sub-1}",
            r -> {
              assertThat(Rendered.env(r.container("kubescape"), "AZURE_SUBSCRIPTION_ID"))
                  .isEqualTo("sub-1");
              assertThat(Rendered.env(r.container("kubescape"), "KS_CLOUD_PROVIDER"))
                  .isEqualTo("aks");
            }));
    cases.add(
        new Case(
            "cloudProviderMetadata.aksResourceGroup",
            "cloudProviderMetadata: {aksResourceGroup: rg-1}",
            r ->
                assertThat(Rendered.env(r.container("kubescape"), "AZURE_RESOURCE_GROUP"))
                    .isEqualTo("rg-1")));
    cases.add(
        new Case(
            "triggerNewImageScan",
            "triggerNewImageScan: true",
            r -> assertThat(r.clusterData()).contains("\"triggerNewImageScan\": \"true\"")));
    cases.add(
        new Case(
            "volumes",
            "volumes: [{name: extra, emptyDir: {}}]",
            r ->
                assertThat(Hardening.pods(r).values())
                    .allSatisfy(
                        p ->
                            assertThat(p.getSpec().getVolumes())
                                .extracting(Volume::getName)
                                .contains("extra"))));
    cases.add(
        new Case(
            "volumeMounts",
            "volumes: [{name: extra, emptyDir: {}}]\nvolumeMounts: [{name: extra, mountPath: /extra}]",
            r ->
                assertThat(Hardening.pods(r).values())
                    .allSatisfy(
                        p ->
                            assertThat(p.getSpec().getContainers().get(0).getVolumeMounts())
                                .extracting(VolumeMount::getMountPath)
                                .contains("/extra"))));
    // The seed's table order: the kubescape scheduler rows sit after kubescape's, kubevuln's after
    // kubevuln's.
    List<Case> ordered = new ArrayList<>();
    for (String key : SEED_KEYS) {
      cases.stream().filter(c -> c.key().equals(key)).findFirst().ifPresent(ordered::add);
    }
    return ordered.stream();
  }

  private static Stream<Case> componentCases(String component) {
    List<Case> cases = new ArrayList<>();
    String affinity =
        component
            + ":\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n          - matchExpressions: [{key: kubernetes.io/os, operator: In, values: [linux]}]";
    cases.add(
        new Case(
            component + ".affinity",
            affinity,
            r ->
                assertThat(r.podTemplate(component).getSpec().getAffinity().getNodeAffinity())
                    .isNotNull()));
    cases.add(
        new Case(
            component + ".image.repository",
            component + ": {image: {repository: mirror.example.com/" + component + "}}",
            r ->
                assertThat(r.container(component).getImage())
                    .isEqualTo(
                        "mirror.example.com/" + component + ":" + HelmChart.projectVersion())));
    cases.add(
        new Case(
            component + ".nodeSelector",
            component + ": {nodeSelector: {disktype: ssd}}",
            r ->
                assertThat(r.podTemplate(component).getSpec().getNodeSelector())
                    .containsEntry("disktype", "ssd")));
    cases.add(
        new Case(
            component + ".volumes",
            component + ": {volumes: [{name: extra, emptyDir: {}}]}",
            r ->
                assertThat(r.podTemplate(component).getSpec().getVolumes())
                    .extracting(Volume::getName)
                    .contains("extra")));
    cases.add(
        new Case(
            component + ".volumeMounts",
            component + ": {volumeMounts: [{name: tmp, mountPath: /var/tmp}]}",
            r ->
                assertThat(r.container(component).getVolumeMounts())
                    .extracting(VolumeMount::getMountPath)
                    .contains("/var/tmp")));
    switch (component) {
      case "kollector" ->
          cases.add(
              new Case(
                  "kollector.env[0]",
                  "kollector: {env: [{name: PRINT_REPORT, value: 'true'}]}",
                  r ->
                      assertThat(Rendered.env(r.container("kollector"), "PRINT_REPORT"))
                          .isEqualTo("true")));
      case "kubescape" -> {
        cases.add(
            new Case(
                "kubescape.downloadArtifacts",
                "kubescape: {downloadArtifacts: true, bundle: {url: 'https://example.com/b.zip', sha256: "
                    + "ab".repeat(32)
                    + "}}",
                r -> {
                  assertThat(Rendered.env(r.container("kubescape"), "KS_DOWNLOAD_ARTIFACTS"))
                      .isEqualTo("true");
                  assertThat(Rendered.env(r.container("kubescape"), "KS_BUNDLE_URL"))
                      .isEqualTo("https://example.com/b.zip");
                }));
        cases.add(
            new Case(
                "kubescape.enableHostScan",
                "kubescape: {enableHostScan: true}",
                r ->
                    assertThat(Rendered.env(r.container("kubescape"), "KS_ENABLE_HOST_SCANNER"))
                        .isEqualTo("true")));
        cases.add(
            new Case(
                "kubescape.serviceMonitor.enabled",
                "kubescape: {serviceMonitor: {enabled: true}}",
                r -> assertThat(r.find("ServiceMonitor", "kubescape-monitor")).isPresent()));
        cases.add(
            new Case(
                "kubescape.skipUpdateCheck",
                "kubescape: {skipUpdateCheck: true}",
                r ->
                    assertThat(Rendered.env(r.container("kubescape"), "KS_SKIP_UPDATE_CHECK"))
                        .isEqualTo("true")));
        cases.add(
            new Case(
                "kubescape.submit",
                "kubescape: {submit: false}",
                r ->
                    assertThat(Rendered.env(r.container("kubescape"), "KS_SUBMIT"))
                        .isEqualTo("false")));
        cases.add(
            new Case(
                "kubescapeScheduler.enabled",
                "kubescapeScheduler: {enabled: false}",
                r -> assertThat(r.find(CronJob.class, "kubescape-scheduler")).isEmpty()));
        schedulerCases("kubescapeScheduler", "kubescape-scheduler").forEach(cases::add);
      }
      default -> {}
    }
    return cases.stream();
  }

  private static Stream<Case> schedulerCases(String key, String cronJob) {
    return Stream.of(
        new Case(
            key + ".image.repository",
            key + ": {image: {repository: mirror.example.com/http-request}}",
            r ->
                assertThat(scanPod(r, cronJob).getContainers().get(0).getImage())
                    .isEqualTo("mirror.example.com/http-request:" + HelmChart.projectVersion())),
        new Case(
            key + ".scanSchedule",
            key + ": {scanSchedule: '15 4 * * 6'}",
            r ->
                assertThat(r.get(CronJob.class, cronJob).getSpec().getSchedule())
                    .isEqualTo("15 4 * * 6")),
        new Case(
            key + ".volumes",
            key + ": {volumes: [{name: extra, emptyDir: {}}]}",
            r ->
                assertThat(scanPod(r, cronJob).getVolumes())
                    .extracting(Volume::getName)
                    .contains("extra")),
        new Case(
            key + ".volumeMounts",
            key
                + ": {volumes: [{name: extra, emptyDir: {}}], volumeMounts: [{name: extra, mountPath: /extra}]}",
            r ->
                assertThat(scanPod(r, cronJob).getContainers().get(0).getVolumeMounts())
                    .extracting(VolumeMount::getMountPath)
                    .contains("/extra")));
  }

  static PodSpec scanPod(Rendered r, String cronJob) {
    return r.get(CronJob.class, cronJob)
        .getSpec()
        .getJobTemplate()
        .getSpec()
        .getTemplate()
        .getSpec();
  }

  static Set<String> names(List<? extends HasMetadata> objects) {
    return objects.stream()
        .map(o -> o.getMetadata().getName())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
