package io.kso.suite.bench;

import com.sun.net.httpserver.HttpServer;
import io.kso.suite.process.JvmFlags;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the http-request client the way a scheduled CronJob does (a POST of a body file to the
 * operator's triggerAction), against a local server, under {@code /usr/bin/time} for its peak RSS.
 */
final class HttpRequestBench {
  private static final Path TIME = Path.of("/usr/bin/time");

  record Result(
      double medianSeconds, double maxSeconds, double maxPeakRssMib, boolean allSucceeded) {}

  private final Path jar;
  private final int runs;

  HttpRequestBench(Path jar, int runs) {
    this.jar = jar;
    this.runs = runs;
  }

  Result run() throws IOException, InterruptedException {
    if (!Files.isExecutable(TIME)) {
      throw new IllegalStateException(
          "/usr/bin/time is needed to read peak RSS: apt-get install -y time");
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the project first (./mvnw -DskipTests install)");
    }
    HttpServer operator =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    operator.createContext(
        "/v1/triggerAction",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] ok = "ok".getBytes();
          exchange.sendResponseHeaders(200, ok.length);
          exchange.getResponseBody().write(ok);
          exchange.close();
        });
    operator.start();
    Path body =
        Files.writeString(
            Files.createTempFile("request-body", ".json"),
            "{\"commands\":[{\"CommandName\":\"kubescapeScan\",\"args\":{\"scanV1\":{}}}]}");
    try {
      List<Double> seconds = new ArrayList<>();
      List<Double> rss = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < runs; i++) {
        double[] sample = once(operator.getAddress().getPort(), body);
        ok &= sample[2] == 0;
        seconds.add(sample[0]);
        rss.add(sample[1] / 1024.0);
      }
      return new Result(Stats.median(seconds), Stats.max(seconds), Stats.max(rss), ok);
    } finally {
      operator.stop(0);
    }
  }

  /** {elapsed seconds, peak RSS KiB, exit code} of one run. */
  private double[] once(int port, Path body) throws IOException, InterruptedException {
    Path timing = Files.createTempFile("time", ".txt");
    List<String> command =
        new ArrayList<>(List.of(TIME.toString(), "-f", "%e %M", "-o", timing.toString()));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JvmFlags.HTTP_REQUEST);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "-method=post",
            "-scheme=http",
            "-host=127.0.0.1:" + port,
            "-path=v1/triggerAction",
            "-headers=\"Content-Type:application/json\"",
            "-path-body=" + body));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    int exit = process.waitFor();
    String[] parts = Files.readString(timing).strip().split("\\s+");
    Files.deleteIfExists(timing);
    return new double[] {
      Double.parseDouble(parts[parts.length - 2]), Double.parseDouble(parts[parts.length - 1]), exit
    };
  }
}
