package io.kso.operator.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kso.common.message.Command;
import io.kso.common.message.WireJson;
import io.kso.operator.adapter.k8s.Fabric8ClusterResources;
import io.kso.operator.testing.Workloads;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which images a scan command reaches, in a cluster held by the CRUD mock server. */
@EnableKubernetesMockClient(crud = true)
class ImageScanPlannerTest {
  private static final String NGINX_DIGEST = "sha256:" + "a".repeat(64);
  private static final String REDIS_DIGEST = "sha256:" + "b".repeat(64);
  private static final String APP_DIGEST = "sha256:" + "c".repeat(64);
  KubernetesClient client;
  private ImageScanPlanner planner;

  @BeforeEach
  void cluster() {
    Workloads.deployment(client, "default", "nginx", "uid-dep-nginx", "uid-rs-nginx");
    Workloads.pod(
        client,
        "default",
        "nginx-1",
        "uid-rs-nginx",
        "ReplicaSet",
        "nginx-6d4cf56db6",
        Map.of("app", "nginx"),
        "nginx",
        "nginx:1.25",
        "docker-pullable://nginx@" + NGINX_DIGEST,
        null);
    Workloads.pod(
        client,
        "default",
        "nginx-2",
        "uid-rs-nginx",
        "ReplicaSet",
        "nginx-6d4cf56db6",
        Map.of("app", "nginx"),
        "nginx",
        "nginx:1.25",
        "docker-pullable://nginx@" + NGINX_DIGEST,
        null);
    Workloads.pod(
        client,
        "cache",
        "redis-0",
        null,
        null,
        null,
        Map.of("app", "redis"),
        "redis",
        "redis:7",
        REDIS_DIGEST,
        null);
    client
        .secrets()
        .inNamespace("apps")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("regcred")
                .endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .addToData(
                    ".dockerconfigjson",
                    b64(
                        "{\"auths\":{\"registry.example.com\":{\"auth\":\""
                            + b64("robot:s3cret")
                            + "\"},\"other.example.com\":{\"username\":\"x\",\"password\":\"y\"}}}"))
                .build())
        .create();
    client
        .serviceAccounts()
        .inNamespace("apps")
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("builder")
                .endMetadata()
                .addNewImagePullSecret("regcred")
                .build())
        .create();
    Workloads.pod(
        client,
        "apps",
        "app-1",
        null,
        null,
        null,
        Map.of("app", "app"),
        "app",
        "registry.example.com/team/app:2.0",
        APP_DIGEST,
        "builder");
    Workloads.pod(
        client,
        "apps",
        "job-pod",
        "uid-job",
        "Job",
        "nightly-123",
        Map.of("app", "nightly"),
        "job",
        "busybox:1.36",
        "sha256:" + "d".repeat(64),
        null);
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace("apps")
        .resource(
            new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
                .withNewMetadata()
                .withName("nightly-123")
                .withUid("uid-job")
                .addNewOwnerReference()
                .withKind("CronJob")
                .withName("nightly")
                .withController(true)
                .withApiVersion("batch/v1")
                .withUid("uid-cj")
                .endOwnerReference()
                .endMetadata()
                .build())
        .create();
    planner = new ImageScanPlanner(new Fabric8ClusterResources(client), "c1");
  }

  @Test
  void scansEachRunningImageOnceAcrossTheCluster() {
    List<ImageTarget> targets =
        planner.plan(command("{\"commandName\":\"scan\",\"wildWlid\":\"wlid://cluster-c1\"}"));

    assertThat(targets)
        .extracting(ImageTarget::imageHash)
        .containsExactlyInAnyOrder(
            "nginx@" + NGINX_DIGEST,
            "redis@" + REDIS_DIGEST,
            "registry.example.com/team/app@" + APP_DIGEST);
    assertThat(targets)
        .filteredOn(t -> t.imageTag().equals("nginx:1.25"))
        .singleElement()
        .extracting(ImageTarget::wlid)
        .isEqualTo("wlid://cluster-c1/namespace-default/deployment-nginx");
    assertThat(targets)
        .filteredOn(t -> t.imageTag().equals("redis:7"))
        .singleElement()
        .extracting(ImageTarget::wlid)
        .isEqualTo("wlid://cluster-c1/namespace-cache/pod-redis-0");
  }

  @Test
  void skipsPodsOfCronJobs() {
    assertThat(
            planner.plan(
                command(
                    "{\"commandName\":\"scan\",\"wildWlid\":\"wlid://cluster-c1/namespace-apps\"}")))
        .extracting(ImageTarget::imageTag)
        .containsExactly("registry.example.com/team/app:2.0");
  }

  @Test
  void scopesByDesignatorNamespaceAndLabels() {
    assertThat(
            planner.plan(
                command(
                    "{\"commandName\":\"scan\",\"designators\":[{\"designatorType\":\"Attributes\",\"attributes\":{\"namespace\":\"cache\"}}]}")))
        .extracting(ImageTarget::imageTag)
        .containsExactly("redis:7");
    assertThat(
            planner.plan(
                command(
                    "{\"commandName\":\"scan\",\"designators\":[{\"designatorType\":\"Attributes\",\"attributes\":{}}],\"args\":{\"labels\":{\"app\":\"nginx\"}}}")))
        .extracting(ImageTarget::imageTag)
        .containsExactly("nginx:1.25");
  }

  @Test
  void scansOneWorkloadByItsWlidWhateverTheCaseOfItsKind() {
    assertThat(
            planner.plan(
                command(
                    "{\"commandName\":\"scan\",\"wlid\":\"wlid://cluster-c1/namespace-default/Deployment-nginx\"}")))
        .extracting(ImageTarget::containerName)
        .containsExactly("nginx");
    assertThat(
            planner.plan(
                command(
                    "{\"commandName\":\"scan\",\"wlid\":\"wlid://cluster-c1/namespace-default/deployment-other\"}")))
        .isEmpty();
  }

  @Test
  void takesCredentialsForTheImagesRegistryFromTheServiceAccountsPullSecrets() {
    ImageTarget app =
        planner
            .plan(
                command(
                    "{\"commandName\":\"scan\",\"wildWlid\":\"wlid://cluster-c1/namespace-apps\"}"))
            .get(0);

    assertThat(app.credentials())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.serverAddress()).isEqualTo("registry.example.com");
              assertThat(c.username()).isEqualTo("robot");
              assertThat(c.password()).isEqualTo("s3cret");
            });
    assertThat(app.toString()).doesNotContain("s3cret");
  }

  @Test
  void knowsDockerHubImages() {
    assertThat(PullSecrets.registryOf("nginx:1.25")).isEqualTo("docker.io");
    assertThat(PullSecrets.registryOf("library/nginx")).isEqualTo("docker.io");
    assertThat(PullSecrets.registryOf("localhost:5000/x")).isEqualTo("localhost:5000");
    assertThat(
            ImageScanPlanner.digestReference(
                "sha256:abc", "registry.example.com:5000/team/app:2.0"))
        .isEqualTo("registry.example.com:5000/team/app@sha256:abc");
  }

  private static Command command(String json) {
    return WireJson.read(json, Command.class);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
