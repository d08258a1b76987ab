package io.kso.kubevuln.testing;

import io.kso.kubevuln.cli.KubevulnCli;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** One in-process run of the kubevuln CLI, with its exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun withStdin(String stdin, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    int code =
        KubevulnCli.execute(
            args,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out),
            new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }

  public static CliRun of(String... args) {
    return withStdin("", args);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> json() {
    return JsonMapper.builder().build().readValue(out, Map.class);
  }
}
