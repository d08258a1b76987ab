package io.kso.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.common.message.WireJson;
import io.kso.suite.cluster.LocalCluster;
import io.kso.suite.process.JvmFlags;
import io.kso.suite.process.ServiceProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same objects scanned twice, by the CLI from files and by kubescape-svc from the stand-in API
 * server they were loaded into: the findings are the same, resource by resource and control by
 * control.
 */
class PostureParityIT {
  private static final String OBJECTS = "/posture-cluster/workloads.yaml";
  @TempDir Path work;

  @Test
  void theServiceFindsWhatTheCliFindsOnTheSameObjects() throws Exception {
    Path manifests = work.resolve("manifests");
    Files.createDirectories(manifests);
    try (InputStream in = getClass().getResourceAsStream(OBJECTS)) {
      Files.copy(in, manifests.resolve("workloads.yaml"));
    }
    Map<String, Map<String, String>> fromCli = findings(cliReport(manifests));

    try (LocalCluster cluster = LocalCluster.start(0)) {
      try (InputStream in = getClass().getResourceAsStream(OBJECTS)) {
        cluster.create(in);
      }
      int port = SuiteLayout.freePort();
      Path config =
          Files.writeString(
              work.resolve("clusterData.json"),
              "{\"clusterName\":\"local\",\"accountID\":\"" + SuiteLayout.ACCOUNT_ID + "\"}");
      try (ServiceProcess kubescape =
          ServiceProcess.start(
              TestServices.kubescape(
                  work,
                  config,
                  cluster.writeKubeconfig(work.resolve("kubeconfig"), "default"),
                  port,
                  Map.of()),
              JvmFlags.withMemoryLimit(JvmFlags.SERVICE, "512m"),
              work.resolve("logs"))) {
        assertThat(kubescape.awaitReady(Duration.ofSeconds(120)))
            .as("kubescape-svc ready, log %s", kubescape.log())
            .isPresent();
        HttpResponse<String> answer =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/scan?wait=true"))
                        .timeout(Duration.ofSeconds(170))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> report =
            (Map<String, Object>) WireJson.read(answer.body(), Map.class).get("response");
        Map<String, Map<String, String>> fromService = findings(report);
        Map<String, String> skipped = skipped(report);
        assertThat(fromService.keySet()).containsAll(fromCli.keySet());
        for (String id : fromCli.keySet()) {
          // A control the service skipped because a kind it needs is not served here (the CLI,
          // reading files, simply sees none of that kind) says so; every other finding is equal.
          Map<String, String> expected = new TreeMap<>(fromCli.get(id));
          expected.keySet().removeAll(skipped.keySet());
          assertThat(fromService.get(id)).as(id).isEqualTo(expected);
        }
        assertThat(skipped.values()).allSatisfy(info -> assertThat(info).isNotBlank());
        assertThat(skipped).doesNotContainKey("C-0057");
        assertThat(fromCli.get("apps/v1/shop/Deployment/storefront"))
            .containsEntry("C-0057", "failed");
      }
    }
  }

  private Map<String, Object> cliReport(Path manifests) throws Exception {
    Path out = work.resolve("cli.json");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(new SuiteLayout(TestProject.dir(), work).jar("kubescape-svc").toString());
    command.addAll(
        List.of("scan", manifests.toString(), "--format", "json", "--output", out.toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("cli.log").toFile())
            .start();
    assertThat(process.waitFor(170, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(work.resolve("cli.log"))).isIn(0, 1);
    @SuppressWarnings("unchecked")
    Map<String, Object> report = WireJson.read(Files.readAllBytes(out), Map.class);
    return report;
  }

  /** The controls the report skipped, with the reason. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> skipped(Map<String, Object> report) {
    Map<String, Object> controls =
        (Map<String, Object>) ((Map<String, Object>) report.get("summaryDetails")).get("controls");
    Map<String, String> out = new TreeMap<>();
    controls.forEach(
        (id, c) -> {
          Map<String, Object> status =
              (Map<String, Object>) ((Map<String, Object>) c).get("status");
          if ("skipped".equals(status.get("status"))) {
            out.put(id, String.valueOf(status.get("info")));
          }
        });
    return out;
  }

  /** Resource ID to control ID to status, over every result of the report. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, String>> findings(Map<String, Object> report) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (Object r : (List<Object>) report.get("results")) {
      Map<String, Object> result = (Map<String, Object>) r;
      Map<String, String> controls = new TreeMap<>();
      for (Object c : (List<Object>) result.get("controls")) {
        Map<String, Object> control = (Map<String, Object>) c;
        controls.put(
            (String) control.get("controlID"),
            String.valueOf(((Map<String, Object>) control.get("status")).get("status")));
      }
      out.put((String) result.get("resourceID"), controls);
    }
    return out;
  }
}
