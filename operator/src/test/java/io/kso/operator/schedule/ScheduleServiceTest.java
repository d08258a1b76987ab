package io.kso.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kso.common.message.Command;
import io.kso.common.message.Commands;
import io.kso.common.message.WireJson;
import io.kso.operator.adapter.k8s.ConfigMapScheduleTemplates;
import io.kso.operator.adapter.k8s.Fabric8ClusterResources;
import io.kso.operator.model.ScheduleKind;
import io.kso.operator.port.ClusterException;
import io.kso.operator.testing.Golden;
import io.kso.operator.testing.TemplateFixtures;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schedules as they land in the cluster (the fabric8 mock server in CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class ScheduleServiceTest {
  private static final String NS = "kubescape";
  KubernetesClient client;
  private ScheduleService schedules;

  @BeforeEach
  void setUp() {
    TemplateFixtures.install(client, NS);
    Fabric8ClusterResources cluster = new Fabric8ClusterResources(client);
    AtomicLong random = new AtomicLong(4924508290975795459L);
    schedules =
        new ScheduleService(
            cluster, new ConfigMapScheduleTemplates(cluster, NS), NS, random::getAndIncrement);
  }

  @Test
  void createsOneKubescapeScheduleForEachFramework() {
    List<String> names =
        schedules.createKubescape(
            command(
                "{\"commandName\":\"setKubescapeCronJob\",\"jobTracking\":{\"jobID\":\"job-1\"},"
                    + "\"args\":{\"jobParams\":{\"cronTabSchedule\":\"0 8 * * *\"},\"scanV1\":{\"submit\":true,\"hostScanner\":false,\"targetType\":\"framework\",\"targetNames\":[\"nsa\",\"MITRE\"]}}}"));

    assertThat(names)
        .containsExactly(
            "ks-scheduled-scan-nsa-4924508290975795459",
            "ks-scheduled-scan-mitre-4924508290975795460");
    CronJob nsa = cronJob(names.get(0));
    assertThat(nsa.getSpec().getSchedule()).isEqualTo("0 8 * * *");
    assertThat(
            nsa.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("armo.jobid", "job-1")
        .containsEntry("armo.framework", "nsa")
        .containsEntry("armo.host-scanner", "false");
    Golden.assertMatches(nsa, "cronjob-kubescape");
    Golden.assertMatches(configMap(names.get(0)), "configmap-kubescape");
    Commands body =
        WireJson.read(configMap(names.get(1)).getData().get("request-body.json"), Commands.class);
    assertThat(body.commands().get(0).args().get("scanV1").toString())
        .contains("targetNames=[MITRE]");
  }

  @Test
  void aKubescapeScheduleWithoutTargetsScansAllFrameworksAndKeepsTheTemplateSchedule() {
    List<String> names =
        schedules.createKubescape(
            command("{\"commandName\":\"setKubescapeCronJob\",\"args\":{\"scanV1\":{}}}"));

    assertThat(names).singleElement().asString().startsWith("ks-scheduled-scan-all-");
    CronJob all = cronJob(names.get(0));
    assertThat(all.getSpec().getSchedule()).isEqualTo("0 8 * * *");
    assertThat(
            all.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("armo.framework", "all");
  }

  @Test
  void createsAVulnerabilityScheduleScopedToTheNamespaceOfItsWildWlid() {
    String name =
        schedules.createVulnerability(
            command(
                "{\"commandName\":\"setVulnScanCronJob\",\"wildWlid\":\"wlid://cluster-minikube/namespace-systest-ns\",\"jobTracking\":{\"jobID\":\"job-2\"},\"args\":{\"jobParams\":{\"cronTabSchedule\":\"* * * * *\"}}}"));

    assertThat(name).isEqualTo("kubevuln-schedule-4924508290975795459");
    Golden.assertMatches(cronJob(name), "cronjob-vuln");
    Golden.assertMatches(configMap(name), "configmap-vuln");
  }

  @Test
  void createsARegistryScheduleWithItsCredentialsInASecretOnly() {
    String name =
        schedules.createRegistry(
            command(
                "{\"commandName\":\"setRegistryScanCronJob\",\"jobTracking\":{\"jobID\":\"job-3\"},\"args\":{\"jobParams\":{\"cronTabSchedule\":\"0 0 * * *\"},"
                    + "\"registryInfo-v1\":{\"registryName\":\"quay.io/kubescape\",\"depth\":1,\"isHTTPS\":true,\"authMethod\":{\"type\":\"private\",\"username\":\"robot\",\"password\":\"s3cret\"}}}}"));

    assertThat(name).isEqualTo("kubescape-registry-scan-4924508290975795459");
    Golden.assertMatches(cronJob(name), "cronjob-registry");
    Golden.assertMatches(configMap(name), "configmap-registry");
    assertThat(configMap(name).getData().get("request-body.json"))
        .doesNotContain("s3cret")
        .doesNotContain("robot")
        .contains("\"secretName\":\"" + name + "\"");
    Secret secret = client.secrets().inNamespace(NS).withName(name).get();
    String auth =
        secret.getStringData() != null
            ? secret.getStringData().get("registriesAuth")
            : new String(
                java.util.Base64.getDecoder().decode(secret.getData().get("registriesAuth")));
    assertThat(auth)
        .isEqualTo(
            "[{\"registry\":\"quay.io/kubescape\",\"username\":\"robot\",\"password\":\"s3cret\",\"auth_method\":\"private\"}]");
  }

  @Test
  void aPublicRegistryNeedsNoSecret() {
    String name =
        schedules.createRegistry(
            command(
                "{\"commandName\":\"setRegistryScanCronJob\",\"args\":{\"jobParams\":{\"cronTabSchedule\":\"0 0 * * *\"},\"registryInfo-v1\":{\"registryName\":\"quay.io/kubescape\",\"authMethod\":{\"type\":\"public\"}}}}"));

    assertThat(client.secrets().inNamespace(NS).withName(name).get()).isNull();
  }

  @Test
  void updatesTheScheduleAndRecordsTheUpdatingJob() {
    String name =
        schedules.createVulnerability(
            command(
                "{\"commandName\":\"setVulnScanCronJob\",\"wildWlid\":\"wlid://cluster-c\",\"args\":{\"jobParams\":{\"cronTabSchedule\":\"* * * * *\"}}}"));

    schedules.update(
        ScheduleKind.VULNERABILITY,
        command(
            "{\"commandName\":\"updateVulnScanCronJob\",\"jobTracking\":{\"jobID\":\"job-9\"},\"args\":{\"jobParams\":{\"name\":\""
                + name
                + "\",\"cronTabSchedule\":\"0 1 * * *\"}}}"));

    CronJob updated = cronJob(name);
    assertThat(updated.getSpec().getSchedule()).isEqualTo("0 1 * * *");
    assertThat(
            updated
                .getSpec()
                .getJobTemplate()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations())
        .containsEntry("armo.updatejobid", "job-9")
        .containsEntry("app.kubescape/update-job-id", "job-9");
  }

  @Test
  void updatingARegistryScheduleRewritesItsRequestAndCredentials() {
    String name =
        schedules.createRegistry(
            command(
                "{\"commandName\":\"setRegistryScanCronJob\",\"args\":{\"jobParams\":{\"cronTabSchedule\":\"0 0 * * *\"},\"registryInfo-v1\":{\"registryName\":\"quay.io/kubescape\",\"authMethod\":{\"type\":\"public\"}}}}"));

    schedules.update(
        ScheduleKind.REGISTRY,
        command(
            "{\"commandName\":\"updateRegistryScanCronJob\",\"args\":{\"jobParams\":{\"name\":\""
                + name
                + "\"},\"registryInfo-v1\":{\"registryName\":\"quay.io/kubescape\",\"depth\":3,\"authMethod\":{\"type\":\"private\",\"username\":\"u\",\"password\":\"p2\"}}}}"));

    assertThat(configMap(name).getData().get("request-body.json")).contains("\"depth\":3");
    assertThat(client.secrets().inNamespace(NS).withName(name).get()).isNotNull();
    assertThat(cronJob(name).getSpec().getSchedule()).isEqualTo("0 0 * * *");
  }

  @Test
  void updatingAMissingScheduleFailsWithItsName() {
    assertThatThrownBy(
            () ->
                schedules.update(
                    ScheduleKind.KUBESCAPE,
                    command(
                        "{\"commandName\":\"updateKubescapeCronJob\",\"args\":{\"jobParams\":{\"name\":\"ks-scheduled-scan-gone\"}}}")))
        .isInstanceOf(ScheduleException.class)
        .hasMessageContaining("ks-scheduled-scan-gone");
  }

  @Test
  void deletesEveryObjectOfASchedule() {
    String name =
        schedules.createRegistry(
            command(
                "{\"commandName\":\"setRegistryScanCronJob\",\"args\":{\"jobParams\":{\"cronTabSchedule\":\"0 0 * * *\"},\"registryInfo-v1\":{\"registryName\":\"r.io/p\",\"authMethod\":{\"type\":\"private\",\"username\":\"u\",\"password\":\"p\"}}}}"));

    schedules.delete(
        ScheduleKind.REGISTRY,
        command(
            "{\"commandName\":\"deleteRegistryScanCronJob\",\"args\":{\"jobParams\":{\"name\":\""
                + name
                + "\"}}}"));

    assertThat(client.batch().v1().cronjobs().inNamespace(NS).withName(name).get()).isNull();
    assertThat(client.configMaps().inNamespace(NS).withName(name).get()).isNull();
    assertThat(client.secrets().inNamespace(NS).withName(name).get()).isNull();
  }

  @Test
  void deletingAnAbsentScheduleIsFine() {
    schedules.delete(
        ScheduleKind.KUBESCAPE,
        command(
            "{\"commandName\":\"deleteKubescapeCronJob\",\"args\":{\"jobParams\":{\"name\":\"ks-scheduled-scan-gone\"}}}"));
  }

  @Test
  void aMissingTemplateIsAClearError() {
    client.configMaps().inNamespace(NS).withName("kubevuln-cronjob-template").delete();

    assertThatThrownBy(
            () ->
                schedules.createVulnerability(
                    command(
                        "{\"commandName\":\"setVulnScanCronJob\",\"wildWlid\":\"wlid://cluster-c\",\"args\":{\"jobParams\":{\"cronTabSchedule\":\"* * * * *\"}}}")))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("kubevuln-cronjob-template");
  }

  private CronJob cronJob(String name) {
    return client.batch().v1().cronjobs().inNamespace(NS).withName(name).get();
  }

  private ConfigMap configMap(String name) {
    return client.configMaps().inNamespace(NS).withName(name).get();
  }

  private static Command command(String json) {
    return WireJson.read(json, Command.class);
  }
}
