package io.kso.gateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fan-out load benchmark, the client side: opens many websocket clients to one gateway (lean raw
 * clients on one or a few event loops, {@link RawWebsocketClients}), broadcasts notifications to
 * all of them over REST one at a time, and measures for each the time from just before the POST to
 * the moment the last client has it. Sender and clients share this JVM's clock. Run through {@code
 * gateway/bench/run-fanout-bench.sh}, which starts the gateway in its own JVM; see docs/gateway.md.
 *
 * <p>Arguments ({@code --key value}): {@code ws-port}, {@code rest-port}, {@code probe-port},
 * {@code gateway-pid}, {@code clients} (10000), {@code rounds} (200), {@code warmup} (20), {@code
 * connect-concurrency} (256), {@code payload} (bytes of the notification, 400), {@code
 * client-transport} ({@code auto}: io_uring, else epoll, else nio), {@code client-loops} (1).
 */
public final class FanoutBench {
  private final Map<String, String> args;
  private final int clients;
  private final byte[] body;
  private final RawWebsocketClients ws;
  private final AtomicInteger received = new AtomicInteger();
  private final AtomicLong lastReceiptNanos = new AtomicLong();
  private volatile CompletableFuture<Long> allReceived = new CompletableFuture<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile int target = Integer.MAX_VALUE;

  private FanoutBench(Map<String, String> args) {
    this.args = args;
    this.clients = intArg("clients", 10_000);
    this.body = envelope(intArg("payload", 400));
    this.ws =
        new RawWebsocketClients(
            RawWebsocketClients.Transport.of(args.getOrDefault("client-transport", "auto")),
            intArg("client-loops", 1),
            Integer.parseInt(args.get("ws-port")),
            body.length,
            this::onMessage);
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    new FanoutBench(args).run();
    System.exit(0);
  }

  private int intArg(String name, int defaultValue) {
    return Integer.parseInt(args.getOrDefault(name, String.valueOf(defaultValue)));
  }

  private void run() throws Exception {
    long connectStart = System.nanoTime();
    connectAll();
    double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
    awaitGatewayLeaves();
    Rss afterConnect = rss();
    log(
        "connected %d clients (%s) in %.1f s; gateway RSS %d MiB",
        ws.open(), ws.transport(), connectSeconds, afterConnect.rssMiB);

    int warmup = intArg("warmup", 20);
    int rounds = intArg("rounds", 200);
    List<Long> latencies = new ArrayList<>();
    int incomplete = 0;
    long[][] cpuBefore = null;
    for (int round = 0; round < warmup + rounds; round++) {
      if (round == warmup) {
        cpuBefore = new long[][] {cpu(args.get("gateway-pid")), cpu("self")};
      }
      long nanos = broadcast(body);
      if (nanos < 0) {
        incomplete++;
      } else if (round >= warmup) {
        latencies.add(nanos);
      }
    }
    log(
        "gateway CPU user/system ms at end: %s, client: %s",
        Arrays.toString(cpu(args.get("gateway-pid"))), Arrays.toString(cpu("self")));
    log(
        "CPU per round: gateway %s, clients %s",
        perRound(cpuBefore[0], cpu(args.get("gateway-pid")), rounds),
        perRound(cpuBefore[1], cpu("self"), rounds));
    log(
        "RESULT verified: clients_missing_messages=%d wrong_length_messages=%d (of %d each)",
        ws.clientsShortOf(warmup + rounds), ws.wrongLength(), warmup + rounds);
    Rss end = rss();
    report(latencies, incomplete, afterConnect, end, connectSeconds);
  }

  /** Opens the clients, at most {@code connect-concurrency} handshakes in flight at a time. */
  private void connectAll() throws InterruptedException {
    String base =
        "/v1/waitfornotification?customerGUID=bench&clusterName=c1"
            + "&clusterComponent=InClusterTriggerHandler&client=";
    Semaphore inFlight = new Semaphore(intArg("connect-concurrency", 256));
    AtomicInteger failed = new AtomicInteger();
    for (int i = 0; i < clients; i++) {
      inFlight.acquire();
      ws.connect(base + i)
          .whenComplete(
              (ok, error) -> {
                if (error != null && failed.getAndIncrement() == 0) {
                  log("a client failed to connect: %s", error);
                }
                inFlight.release();
              });
    }
    inFlight.acquire(intArg("connect-concurrency", 256));
  }

  private void onMessage() {
    long now = System.nanoTime();
    if (received.incrementAndGet() == target) {
      lastReceiptNanos.set(now);
      allReceived.complete(now);
    }
  }

  /** Time from just before the POST until the last client has the message; -1 if not all did. */
  private long broadcast(byte[] body) throws IOException, InterruptedException {
    received.set(0);
    lastReceiptNanos.set(0);
    allReceived = new CompletableFuture<>();
    target = ws.open();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + args.get("rest-port") + "/v1/sendnotification"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json")
            .build();
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "gateway answered " + response.statusCode() + ": " + response.body());
    }
    try {
      return allReceived.get(10, TimeUnit.SECONDS) - start;
    } catch (TimeoutException | ExecutionException e) {
      return -1;
    }
  }

  private static byte[] envelope(int size) {
    String head =
        "{\"target\":{\"customerGUID\":\"bench\",\"clusterName\":\"c1\","
            + "\"clusterComponent\":\"InClusterTriggerHandler\",\"dest\":\"trigger\"},"
            + "\"sendSynchronicity\":false,\"notification\":{\"commands\":[{\"commandName\":"
            + "\"kubescapeScan\",\"args\":{\"padding\":\"";
    String tail = "\"}}]}}";
    int padding = Math.max(0, size - head.length() - tail.length());
    return (head + "x".repeat(padding) + tail).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private void awaitGatewayLeaves() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    double leaves = 0;
    while (System.nanoTime() < deadline) {
      leaves = gatewayMetric("gateway_connections{role=\"leaf\"}");
      if (leaves >= ws.open()) {
        return;
      }
      Thread.sleep(200); // a standalone benchmark, not a test
    }
    log("gateway reports only %.0f leaves of %d", leaves, ws.open());
  }

  private double gatewayMetric(String sample) throws IOException, InterruptedException {
    String text =
        http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + args.get("probe-port") + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return text.lines()
        .filter(line -> line.startsWith(sample + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1).trim()))
        .findFirst()
        .orElse(0);
  }

  private static String perRound(long[] before, long[] after, int rounds) {
    double user = (after[0] - before[0]) / (double) rounds;
    double system = (after[1] - before[1]) / (double) rounds;
    return String.format("%.1f ms (user %.1f, system %.1f)", user + system, user, system);
  }

  /** {user, system} milliseconds of a process, from /proc/<pid>/stat (clock ticks of 10 ms). */
  private static long[] cpu(String pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", pid, "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new long[] {Long.parseLong(fields[11]) * 10, Long.parseLong(fields[12]) * 10};
  }

  private record Rss(long rssMiB, long peakMiB) {}

  private Rss rss() throws IOException {
    Path status = Path.of("/proc", args.get("gateway-pid"), "status");
    long rss = 0;
    long peak = 0;
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        rss = kib(line) / 1024;
      } else if (line.startsWith("VmHWM:")) {
        peak = kib(line) / 1024;
      }
    }
    return new Rss(rss, peak);
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  private void report(
      List<Long> latencies, int incomplete, Rss afterConnect, Rss end, double connectSeconds)
      throws IOException, InterruptedException {
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    double leaves = gatewayMetric("gateway_connections{role=\"leaf\"}");
    double dropped = gatewayMetric("gateway_notifications_dropped_total{reason=\"slow_consumer\"}");
    double deliveries = gatewayMetric("gateway_delivery_seconds_count");
    double deliveryMeanMs =
        deliveries == 0
            ? Double.NaN
            : gatewayMetric("gateway_delivery_seconds_sum") / deliveries * 1e3;
    double deliveryMaxMs = gatewayMetric("gateway_delivery_seconds_max") * 1e3;
    System.out.printf(
        "%nRESULT clients_requested=%d clients_connected=%d gateway_leaves=%.0f connect_s=%.1f%n"
            + "RESULT rounds=%d incomplete=%d fanout_ms_p50=%.1f fanout_ms_p90=%.1f"
            + " fanout_ms_p99=%.1f fanout_ms_max=%.1f%n"
            + "RESULT gateway_rss_mib_after_connect=%d gateway_rss_mib_end=%d gateway_rss_mib_peak=%d"
            + " dropped_slow_consumer=%.0f%n"
            + "RESULT gateway_side_write_ms_mean=%.1f gateway_side_write_ms_max=%.1f%n",
        clients,
        ws.open(),
        leaves,
        connectSeconds,
        sorted.length,
        incomplete,
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
        afterConnect.rssMiB,
        end.rssMiB,
        end.peakMiB,
        dropped,
        deliveryMeanMs,
        deliveryMaxMs);
  }

  private static double percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
  }

  private static void log(String format, Object... values) {
    System.out.printf(format + "%n", values);
    System.out.flush();
  }
}
