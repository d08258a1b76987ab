package io.kso.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's quick start: the whole suite comes up healthy, wired through clusterData. */
class SuiteUpIT {
  @TempDir Path work;

  @Test
  void everyServiceComesUpHealthyAgainstTheLocalApiServer() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      exit =
          new CommandLine(new SuiteMain())
              .execute(
                  "up",
                  "--once",
                  "--project-dir",
                  TestProject.dir().toString(),
                  "--work-dir",
                  work.toString(),
                  "--timeout",
                  "PT180S");
    } finally {
      System.setOut(original);
    }
    String table = captured.toString(StandardCharsets.UTF_8);
    System.out.println(table);

    assertThat(exit).isZero();
    assertThat(table.lines().filter(l -> l.contains(" healthy "))).hasSize(5);
    assertThat(work.resolve("clusterData.json"))
        .content()
        .contains("\"kubevulnURL\" : \"127.0.0.1:");
  }
}
