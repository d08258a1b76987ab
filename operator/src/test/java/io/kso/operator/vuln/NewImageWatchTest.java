package io.kso.operator.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kso.common.message.Command;
import io.kso.operator.adapter.k8s.Fabric8ClusterResources;
import io.kso.operator.adapter.k8s.PodWatch;
import io.kso.operator.testing.Workloads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** New images that start in the cluster are scanned once; what ran before is not rescanned. */
@EnableKubernetesMockClient(crud = true)
class NewImageWatchTest {
  private static final String OLD = "sha256:" + "a".repeat(64);
  private static final String NEW = "sha256:" + "b".repeat(64);
  private static final String NEWER = "sha256:" + "c".repeat(64);

  KubernetesClient client;
  private final List<Command> submitted = new CopyOnWriteArrayList<>();
  private NewImageTrigger trigger;
  private PodWatch watch;

  @BeforeEach
  void start() {
    Workloads.deployment(client, "apps", "web", "uid-dep", "uid-rs");
    runningPod("web-1", OLD);
    trigger = new NewImageTrigger(new Fabric8ClusterResources(client), "c1", 100);
    watch = new PodWatch(client, trigger, submitted::addAll);
    watch.start();
  }

  @AfterEach
  void stop() {
    watch.close();
  }

  @Test
  void aNewDigestScansItsWorkloadOnce() {
    runningPod("web-2", NEW);
    runningPod("web-3", NEW);

    await().atMost(Duration.ofSeconds(10)).until(() -> !submitted.isEmpty());
    assertThat(submitted.get(0).commandName().wireName()).isEqualTo("scan");
    assertThat(submitted.get(0).wlid())
        .isEqualTo("wlid://cluster-c1/namespace-apps/deployment-web");
    await().during(Duration.ofMillis(500)).until(() -> submitted.size() == 1);
  }

  @Test
  void podsRunningBeforeTheWatchAreNotRescanned() {
    runningPod("web-4", OLD);
    runningPod("web-5", NEWER);

    await().atMost(Duration.ofSeconds(10)).until(() -> !submitted.isEmpty());
    await().during(Duration.ofMillis(500)).until(() -> submitted.size() == 1);
    assertThat(trigger.known()).isEqualTo(2);
  }

  @Test
  void anUpdatedPodWithANewDigestIsScanned() {
    Pod pod = client.pods().inNamespace("apps").withName("web-1").get();
    pod.getStatus().getContainerStatuses().get(0).setImageID(NEWER);
    client.pods().inNamespace("apps").resource(pod).update();

    await().atMost(Duration.ofSeconds(10)).until(() -> submitted.size() == 1);
  }

  @Test
  void forgetsTheOldestDigestsPastItsCapacity() {
    NewImageTrigger small = new NewImageTrigger(new Fabric8ClusterResources(client), "c1", 2);
    small.seed(pod("p1", OLD));
    small.seed(pod("p2", NEW));
    small.seed(pod("p3", NEWER));

    assertThat(small.known()).isEqualTo(2);
    assertThat(small.changed(pod("p4", NEWER))).isEmpty();
    assertThat(small.changed(pod("p5", OLD))).isPresent();
  }

  @Test
  void podsThatAreNotRunningTeachNothing() {
    Pod pending =
        new PodBuilder(pod("p1", NEW)).editStatus().withPhase("Pending").endStatus().build();

    NewImageTrigger unwatched = new NewImageTrigger(new Fabric8ClusterResources(client), "c1", 10);

    assertThat(unwatched.changed(pending)).isEmpty();
    assertThat(unwatched.changed(pod("p2", NEW))).isPresent();
  }

  private void runningPod(String name, String digest) {
    Workloads.pod(
        client,
        "apps",
        name,
        "uid-rs",
        "ReplicaSet",
        "web-6d4cf56db6",
        Map.of("app", "web"),
        "web",
        "nginx:1.25",
        digest,
        null);
  }

  private Pod pod(String name, String digest) {
    runningPod(name, digest);
    return client.pods().inNamespace("apps").withName(name).get();
  }
}
