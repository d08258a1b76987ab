package io.kso.kubescape.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The project's own chart, scanned with every framework as it is installed: the controls that fail
 * are exactly those its README explains, so a new failure (or a fixed one) cannot go unnoticed.
 */
class ChartScanTest {
  private static final Path CHART = Path.of("../charts/kubescape-operator");
  private static final Pattern ROW = Pattern.compile("^\\| (C-\\d{4}[^|]*)\\|");
  private static final Pattern ID = Pattern.compile("C-\\d{4}");

  @TempDir Path tmp;

  @Test
  void theChartFailsOnlyTheControlsItsReadmeExplains() throws IOException {
    Path out = tmp.resolve("chart.json");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        ScanCommand.run(
            new String[] {
              CHART.toString(),
              "-n",
              "kubescape",
              "--set",
              "account=a",
              "--set",
              "clusterName=c",
              "--set",
              "global.networkPolicy.enabled=true",
              "--format",
              "json",
              "--output",
              out.toString()
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();

    JsonNode controls =
        JsonMapper.builder().build().readTree(out.toFile()).path("summaryDetails").path("controls");
    Set<String> failed = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = controls.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> c = it.next();
      if ("failed".equals(c.getValue().path("status").path("status").asString(""))) {
        failed.add(c.getKey());
      }
    }

    assertThat(failed).isNotEmpty().isEqualTo(documented());
  }

  /**
   * The repository README's "Scan something now" command, exactly as written there, run in the
   * repository root (the README's working directory): it scans the chart, every input read.
   */
  @Test
  void theReadmesScanCommandScansTheChart() throws IOException {
    List<String> command = readmeScanCommand();
    assertThat(command.subList(0, 4))
        .containsExactly("java", "-jar", "kubescape-svc/target/kubescape-svc.jar", "scan");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        ScanCommand.run(
            command.subList(4, command.size()).toArray(String[]::new),
            Path.of(".."),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String stdout = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(stdout).doesNotContain("could not be read").contains("Overall: compliance score");
    Matcher resources = Pattern.compile("\\((\\d+) resources, (\\d+) controls").matcher(stdout);
    assertThat(resources.find()).as(stdout).isTrue();
    assertThat(Integer.parseInt(resources.group(1))).isGreaterThan(20);
    assertThat(Integer.parseInt(resources.group(2))).isGreaterThan(100);
  }

  /** The one README line that runs the scanner on the chart, split at spaces. */
  static List<String> readmeScanCommand() throws IOException {
    List<String> lines =
        Files.readAllLines(Path.of("../README.md")).stream()
            .filter(l -> l.startsWith("java -jar kubescape-svc/target/kubescape-svc.jar scan "))
            .toList();
    assertThat(lines).as("the README's scan command").hasSize(1);
    return List.of(lines.get(0).trim().split("\\s+"));
  }

  /** Control ids in the first column of the README's "Security posture" table. */
  private static Set<String> documented() throws IOException {
    String readme = Files.readString(CHART.resolve("README.md"));
    String section =
        readme.substring(
            readme.indexOf("## Security posture"),
            readme.indexOf("## Differences from the original"));
    Set<String> ids = new TreeSet<>();
    for (String line : section.split("\n")) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        Matcher id = ID.matcher(row.group(1));
        while (id.find()) {
          ids.add(id.group());
        }
      }
    }
    return ids;
  }
}
