package io.kso.httprequest;

import io.kso.httprequest.RequestSpec.Method;
import io.kso.httprequest.RequestSpec.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Go client's flags: {@code -name=value} or {@code -name value}; as in Go, {@code --name} is
 * the same flag.
 */
@Command(
    name = "http-request",
    sortOptions = false,
    description = "Sends one HTTP request; exits 0 on a 2xx answer.",
    footer = {
      "Exit codes: 0 2xx answer, 1 non-2xx answer, 2 usage, 3 body file unreadable,",
      "4 no answer (connection, TLS, timeout) after the retries, 5 output file not written,",
      "70 internal error."
    })
final class Flags {
  @Option(
      names = "-method",
      required = true,
      paramLabel = "METHOD",
      description = "post, get, put, patch or delete (any case).")
  Method method;

  @Option(names = "-scheme", paramLabel = "SCHEME", description = "http or https (default http).")
  String scheme = "http";

  @Option(
      names = "-host",
      required = true,
      paramLabel = "HOST[:PORT]",
      description = "Server, e.g. operator:4002.")
  String host;

  @Option(
      names = "-path",
      paramLabel = "PATH",
      description = "URL path, leading slash optional; may end in ?query.")
  String path = "";

  @Option(
      names = "-headers",
      paramLabel = "K:V;K2:V2",
      description = "Request headers; surrounding quotes are ignored.")
  String headers = "";

  @Option(
      names = "-path-body",
      paramLabel = "FILE",
      description = "File whose bytes are the request body.")
  String bodyFile;

  @Option(
      names = "-path-output",
      paramLabel = "FILE",
      description = "Write the answer's body to this file.")
  String outputFile;

  @Option(
      names = "-skip-ssl-verify",
      arity = "0..1",
      paramLabel = "BOOL",
      description = "Accept any TLS certificate (default false).")
  boolean skipSslVerify;

  @Option(
      names = "-timeout",
      paramLabel = "DURATION",
      description = "Bound on each attempt, Go syntax (default 30s).")
  String timeout = "30s";

  @Option(
      names = "-retries",
      paramLabel = "N",
      description = "Retries after connection errors and timeouts, 0..10 (default 3).")
  int retries = 3;

  @Option(
      names = "-retry-backoff",
      paramLabel = "DURATION",
      description = "Wait before the first retry, doubled each time (default 500ms).")
  String retryBackoff = "500ms";

  @Option(
      names = {"-h", "-help"},
      usageHelp = true,
      description = "Print this help.")
  boolean help;

  /** A parser filling these fields; as in Go, a flag given twice keeps its last value. */
  CommandLine commandLine() {
    return new CommandLine(this)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOverwrittenOptionsAllowed(true)
        .setExpandAtFiles(false)
        .setPosixClusteredShortOptionsAllowed(false);
  }

  /** Rewrites {@code --name[=value]} to {@code -name[=value]} for the flags this parser knows. */
  static String[] singleDash(CommandLine cli, String[] args) {
    Set<String> names = cli.getCommandSpec().optionsMap().keySet();
    String[] result = args.clone();
    for (int i = 0; i < result.length; i++) {
      String arg = result[i];
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (name.startsWith("--") && names.contains(name.substring(1))) {
        result[i] = arg.substring(1);
      }
    }
    return result;
  }

  /**
   * Validates the flags; a bad value throws {@link IllegalArgumentException} with a one-line
   * reason.
   */
  RequestSpec toSpec() {
    Transport transport =
        new Transport(
            duration("-timeout", timeout),
            retries,
            duration("-retry-backoff", retryBackoff),
            skipSslVerify);
    return new RequestSpec(
        method,
        uri(unquote(scheme), unquote(host), unquote(path)),
        headerList(),
        file(bodyFile),
        file(outputFile),
        transport);
  }

  static String unquote(String value) {
    String v = value.trim();
    boolean quoted =
        v.length() >= 2
            && (v.charAt(0) == '"' || v.charAt(0) == '\'')
            && v.charAt(v.length() - 1) == v.charAt(0);
    return quoted ? v.substring(1, v.length() - 1) : v;
  }

  static URI uri(String scheme, String host, String path) {
    String s = scheme.toLowerCase(Locale.ROOT);
    if (!s.equals("http") && !s.equals("https")) {
      throw new IllegalArgumentException("-scheme must be http or https, got '" + scheme + "'");
    }
    if (host.isEmpty() || host.contains("/")) {
      throw new IllegalArgumentException("-host must be host[:port], got '" + host + "'");
    }
    String p = path.startsWith("/") ? path : "/" + path;
    int q = p.indexOf('?');
    try {
      URI uri =
          new URI(s, host, q < 0 ? p : p.substring(0, q), q < 0 ? null : p.substring(q + 1), null);
      return uri.parseServerAuthority();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("bad URL from -host/-path: " + e.getMessage());
    }
  }

  private List<Header> headerList() {
    try {
      return Header.parseAll(unquote(headers));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-headers: " + e.getMessage());
    }
  }

  private static Path file(String name) {
    if (name == null || unquote(name).isEmpty()) {
      return null;
    }
    return Path.of(unquote(name));
  }

  private static Duration duration(String flag, String value) {
    try {
      return GoDuration.parse(unquote(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage());
    }
  }
}
