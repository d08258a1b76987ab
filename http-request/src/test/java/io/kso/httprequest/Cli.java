package io.kso.httprequest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link HttpRequestMain#run} in-process and keeps what it printed. */
record Cli(int exitCode, String out, String err) {
  /** Retries in tests wait 1 ms, not 0.5 s, unless the arguments say otherwise. */
  static Cli run(String... args) {
    List<String> all = new ArrayList<>(List.of("-retry-backoff=1ms"));
    all.addAll(List.of(args));
    return runExactly(all.toArray(String[]::new));
  }

  static Cli runExactly(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HttpRequestMain.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Cli(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The first line on stderr: the reason. */
  String reason() {
    return err.lines().findFirst().orElse("");
  }
}
