package io.kso.httprequest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Sends one {@link RequestSpec} with {@link HttpClient}: reads the body file, retries transport
 * failures with backoff, checks the status, writes the output file. Prints progress lines to {@code
 * out}; every failure is an {@link HttpRequestException} carrying its exit code.
 */
public final class HttpRequestRunner {
  private static final int SNIPPET_CHARS = 200;

  private final PrintStream out;

  public HttpRequestRunner(PrintStream out) {
    this.out = out;
  }

  /** Returns normally only for a 2xx answer. */
  public void execute(RequestSpec spec) {
    byte[] body = readBody(spec);
    HttpRequest request = request(spec, body);
    out.println("http-request: " + spec.describe(body.length));
    if (spec.transport().insecureTls()) {
      out.println("http-request: TLS certificate and host name checks are off (-skip-ssl-verify)");
    }
    long start = System.nanoTime();
    HttpResponse<byte[]> response = sendWithRetries(client(spec), request, spec);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    int status = response.statusCode();
    byte[] answer = response.body() == null ? new byte[0] : response.body();
    out.println(
        "http-request: answered " + status + " in " + millis + " ms (" + answer.length + " bytes)");
    if (status < 200 || status > 299) {
      throw new HttpRequestException(
          ExitCode.HTTP_STATUS, spec.label() + " answered " + status + ": " + snippet(answer));
    }
    if (spec.outputFile() != null) {
      writeOutput(spec.outputFile(), answer);
    }
  }

  private static byte[] readBody(RequestSpec spec) {
    if (spec.bodyFile() == null) {
      return new byte[0];
    }
    try {
      return Files.readAllBytes(spec.bodyFile());
    } catch (IOException e) {
      throw new HttpRequestException(
          ExitCode.BODY_FILE,
          spec.label() + ": cannot read body file " + spec.bodyFile() + ": " + fileReason(e));
    }
  }

  private static void writeOutput(Path file, byte[] answer) {
    try {
      Files.write(file, answer);
    } catch (IOException e) {
      throw new HttpRequestException(
          ExitCode.OUTPUT_FILE, "cannot write output file " + file + ": " + fileReason(e));
    }
  }

  private static HttpClient client(RequestSpec spec) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(spec.transport().timeout())
            .followRedirects(HttpClient.Redirect.NORMAL);
    if (spec.transport().insecureTls()) {
      builder.sslContext(Tls.trustAll());
    } else if (spec.uri().getScheme().equals("http")) {
      builder.sslContext(Tls.refused()).sslParameters(new SSLParameters());
    }
    return builder.build();
  }

  private static HttpRequest request(RequestSpec spec, byte[] body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(spec.uri())
            .timeout(spec.transport().timeout())
            .method(
                spec.method().name(),
                spec.bodyFile() == null
                    ? BodyPublishers.noBody()
                    : BodyPublishers.ofByteArray(body));
    try {
      spec.headers().forEach(h -> builder.header(h.name(), h.value()));
    } catch (IllegalArgumentException e) {
      throw new HttpRequestException(ExitCode.USAGE, "-headers: " + e.getMessage());
    }
    return builder.build();
  }

  private HttpResponse<byte[]> sendWithRetries(
      HttpClient client, HttpRequest request, RequestSpec spec) {
    RequestSpec.Transport transport = spec.transport();
    for (int attempt = 1; ; attempt++) {
      try {
        return send(client, request, transport.timeout());
      } catch (IOException e) {
        String reason = reason(e, transport.timeout());
        if (attempt > transport.retries() || !retryable(e)) {
          String attempts = attempt == 1 ? "1 attempt" : attempt + " attempts";
          throw new HttpRequestException(
              ExitCode.TRANSPORT, spec.label() + ": " + reason + " after " + attempts);
        }
        Duration wait = transport.backoffAfter(attempt);
        out.println(
            "http-request: attempt "
                + attempt
                + " failed: "
                + reason
                + "; retrying in "
                + GoDuration.format(wait));
        pause(wait, spec);
      }
    }
  }

  /** Sends once, bounding the whole exchange (the request timeout alone stops at the headers). */
  private static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, Duration timeout)
      throws IOException {
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(request, BodyHandlers.ofByteArray());
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new HttpTimeoutException("request timed out");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause().getMessage(), e.getCause());
    }
  }

  private static void pause(Duration wait, RequestSpec spec) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpRequestException(ExitCode.TRANSPORT, spec.label() + ": interrupted");
    }
  }

  private static boolean retryable(IOException e) {
    return !(e instanceof InterruptedIOException) && find(e, SSLException.class) == null;
  }

  static String reason(IOException e, Duration timeout) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out after " + GoDuration.format(timeout);
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + GoDuration.format(timeout);
    }
    if (find(e, UnresolvedAddressException.class) != null
        || find(e, UnknownHostException.class) != null) {
      return "unknown host";
    }
    SSLException tls = find(e, SSLException.class);
    if (tls != null) {
      return "TLS failure: " + oneLine(lastMessage(tls));
    }
    String message = firstMessage(e);
    if (e instanceof ConnectException) {
      return message == null ? "connection refused" : message.toLowerCase(java.util.Locale.ROOT);
    }
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + oneLine(message));
  }

  private static String firstMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return null;
  }

  private static String lastMessage(Throwable e) {
    String last = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        last = t.getMessage();
      }
    }
    return last;
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String fileReason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "No such file";
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return oneLine(e.getMessage());
  }

  static String snippet(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    String cut = text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "…" : text;
    return oneLine(cut);
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\p{Cntrl}+", " ").trim();
  }
}
