package io.kso.base.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.base.testapp.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;

/** Logs are JSON lines, and every line written inside a job carries its jobId and parentId. */
@ExtendWith(OutputCaptureExtension.class)
class JobLoggingTest {
  @TempDir Path dir;

  @Test
  void everyLineOfAnActionCarriesItsJobAndParent(CapturedOutput output) {
    try (RunningService service = RunningService.start(dir, "{}")) {
      service.client().post().uri("/v1/job/job-7").retrieve().toBodilessEntity().block();
    }

    List<Map<String, Object>> lines =
        output.getOut().lines().filter(l -> l.startsWith("{")).map(JobLoggingTest::parse).toList();
    assertThat(lines)
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).containsKeys("@timestamp", "message"));
    Map<String, Object> job = lineWithMessage(lines, "handling job");
    Map<String, Object> sub = lineWithMessage(lines, "handling sub-action");

    assertThat(job).containsEntry("jobId", "job-7").containsEntry("parentId", "parent-3");
    assertThat(sub).containsEntry("parentId", "job-7");
    assertThat((String) sub.get("jobId")).hasSize(36);
  }

  @Test
  void startupReportsTheClusterAndTheServicesOwnSettings(CapturedOutput output) {
    try (RunningService service =
        RunningService.start(dir, "{\"clusterName\":\"c9\",\"kubevulnURL\":\"kubevuln:8080\"}")) {
      // Written on a thread of its own, so that it does not hold back readiness.
      Map<String, Object> report =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> lineIfLogged(output, "service configured"), line -> line.isPresent())
              .orElseThrow();

      assertThat(report)
          .containsEntry("clusterName", "c9")
          .containsEntry("kubevulnURL", "kubevuln:8080")
          .containsEntry("TestProperties", "TestProperties[workers=7]");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String line) {
    return JsonMapper.shared().readValue(line, Map.class);
  }

  private static Optional<Map<String, Object>> lineIfLogged(CapturedOutput output, String message) {
    return output
        .getOut()
        .lines()
        .filter(l -> l.startsWith("{"))
        .map(JobLoggingTest::parse)
        .filter(l -> message.equals(l.get("message")))
        .findFirst();
  }

  private static Map<String, Object> lineWithMessage(
      List<Map<String, Object>> lines, String message) {
    return lines.stream().filter(l -> message.equals(l.get("message"))).findFirst().orElseThrow();
  }
}
