package io.kso.kubescape.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar run as {@code java -jar ... scan}, as the README tells users to: the engine's
 * patched CEL interpreter is the one loaded, and the bundle is read out of the engine jar nested in
 * Boot's jar.
 */
class ScanJarIT {
  private static final Path JAR =
      Path.of(System.getProperty("kubescape-svc.jar", "target/kubescape-svc.jar"));
  private static final Path SAMPLES = Path.of("engine/src/test/resources/samples");

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private Run runJar(List<String> jvmFlags, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmFlags);
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m"));
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return run(command, Path.of(""));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Run run(List<String> command, Path workDir) throws IOException, InterruptedException {
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toAbsolutePath().toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("finished").isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theJarListsTheEngineBeforeCel() throws IOException {
    List<String> libs;
    try (ZipFile jar = new ZipFile(JAR.toFile());
        InputStream idx = jar.getInputStream(entry(jar, "BOOT-INF/classpath.idx"))) {
      libs = List.of(new String(idx.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }

    int engine = indexOf(libs, "BOOT-INF/lib/kubescape-engine-");
    int cel = indexOf(libs, "BOOT-INF/lib/cel-");
    assertThat(engine).as("kubescape-engine in %s", libs).isNotNegative();
    assertThat(cel).as("cel in %s", libs).isNotNegative();
    assertThat(engine).as("the engine jar precedes cel's").isLessThan(cel);
  }

  @Test
  void scanLoadsThePatchedInterpreterAndTheBundleFromTheEngineJar() throws Exception {
    Path classes = dir.resolve("class-load.log");
    Path report = dir.resolve("report.json");

    Run run =
        runJar(
            List.of("-Xlog:class+load=info:file=" + classes),
            "scan",
            SAMPLES.toString(),
            "--framework",
            "nsa",
            "--format",
            "json",
            "--output",
            report.toString(),
            "--allow-input-errors");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String interpreter =
        Files.readAllLines(classes).stream()
            .filter(l -> l.contains(" dev.cel.runtime.DefaultInterpreter source: "))
            .findFirst()
            .orElseThrow();
    assertThat(interpreter).contains("!BOOT-INF/lib/kubescape-engine-");
    JsonNode controls =
        JsonMapper.builder()
            .build()
            .readTree(report.toFile())
            .path("summaryDetails")
            .path("controls");
    assertThat(controls.path("C-0041").path("status").path("status").asString())
        .isEqualTo("failed");
  }

  /** The README's command exactly as written, in the repository root, with this build's java. */
  @Test
  void theReadmesScanCommandScansTheChart() throws Exception {
    List<String> command = new ArrayList<>(ChartScanTest.readmeScanCommand());
    assertThat(command.get(0)).isEqualTo("java");
    assertThat(Path.of("..", command.get(2))).isRegularFile();
    command.set(0, java());

    Run run = run(command, Path.of(".."));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).doesNotContain("could not be read").contains("Overall: compliance score");
  }

  private static ZipEntry entry(ZipFile jar, String name) {
    ZipEntry e = jar.getEntry(name);
    assertThat(e).as(name + " in " + JAR).isNotNull();
    return e;
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
