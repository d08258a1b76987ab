package io.kso.operator.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kso.common.message.Command;
import io.kso.common.message.RegistryCredentials;
import io.kso.common.message.ScanImageRequest;
import io.kso.common.message.WireJson;
import io.kso.operator.port.ClusterResources;
import io.kso.operator.testing.RecordingImageScanner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageScanHandlerTest {
  private final RecordingImageScanner kubevuln = new RecordingImageScanner();
  private final List<ScanImageRequest> sent = kubevuln.images;

  @Test
  void sendsEachImageAsASubActionOfTheCommandsJob() {
    RegistryCredentials creds =
        new RegistryCredentials("robot", "s3cret", null, null, "registry.example.com", null, null);
    List<ImageTarget> targets =
        List.of(
            new ImageTarget(
                "wlid://cluster-c1/namespace-apps/deployment-app",
                "app",
                "registry.example.com/team/app:2.0",
                "registry.example.com/team/app@sha256:c",
                List.of(creds)),
            new ImageTarget(
                "wlid://cluster-c1/namespace-default/deployment-nginx",
                "nginx",
                "nginx:1.25",
                "nginx@sha256:a",
                List.of()));
    ImageScanPlanner planner =
        new ImageScanPlanner(new NoCluster(), "c1") {
          @Override
          public List<ImageTarget> plan(Command command) {
            return targets;
          }
        };
    Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

    new ImageScanHandler(planner, kubevuln, clock)
        .handle(
            WireJson.read(
                "{\"commandName\":\"scan\",\"wildWlid\":\"wlid://cluster-c1\",\"jobTracking\":{\"jobID\":\"job-1\",\"parentAction\":\"root-0\",\"numSeq\":1}}",
                Command.class));

    assertThat(sent).hasSize(2);
    ScanImageRequest first = sent.get(0);
    assertThat(first.imageHash()).isEqualTo("registry.example.com/team/app@sha256:c");
    assertThat(first.parentJobId()).isEqualTo("job-1");
    assertThat(first.jobId()).hasSize(36).isNotEqualTo(sent.get(1).jobId());
    assertThat(first.session().jobIds()).containsExactly("root-0", "job-1", first.jobId());
    assertThat(first.session().rootJobId()).isEqualTo("root-0");
    assertThat(first.credentialsList()).containsExactly(creds);
    assertThat(first.credentials()).isEqualTo(creds);
    assertThat(sent.get(1).credentials()).isNull();
  }

  /** The planner is replaced above; the cluster is never asked. */
  private static final class NoCluster implements ClusterResources {
    @Override
    public <T extends HasMetadata> T apply(T desired) {
      throw new AssertionError();
    }

    @Override
    public <T extends HasMetadata> Optional<T> get(Class<T> kind, String namespace, String name) {
      throw new AssertionError();
    }

    @Override
    public <T extends HasMetadata> List<T> list(
        Class<T> kind, String namespace, Map<String, String> labels) {
      throw new AssertionError();
    }

    @Override
    public void delete(Class<? extends HasMetadata> kind, String namespace, String name) {
      throw new AssertionError();
    }
  }
}
