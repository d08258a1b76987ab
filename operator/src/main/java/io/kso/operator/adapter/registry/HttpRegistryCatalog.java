package io.kso.operator.adapter.registry;

import io.kso.common.message.WireJson;
import io.kso.operator.port.RegistryCatalog;
import io.kso.operator.port.RegistryException;
import io.kso.operator.port.RegistryException.Reason;
import io.kso.operator.registry.RegistryTarget;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The distribution API's catalog over HTTP: {@code /v2/}, {@code /v2/_catalog} and {@code
 * /v2/<name>/tags/list}, paged through their {@code Link} headers. Authentication follows the
 * registry's {@code WWW-Authenticate} challenge: HTTP Basic, or a bearer token from the realm it
 * names (with the credentials, if any, as Basic on the token request).
 */
public final class HttpRegistryCatalog implements RegistryCatalog {
  private static final int PAGE = 1000;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final HttpClient verifying;
  private volatile HttpClient trusting;

  public HttpRegistryCatalog(Duration connectTimeout) {
    this(HttpClient.newBuilder().connectTimeout(connectTimeout).build());
  }

  /**
   * Over {@code verifying}, a client shared with the service's other outgoing calls; the client
   * that skips certificate checks, for registries configured so, is built on first use with the
   * same connect timeout.
   */
  public HttpRegistryCatalog(HttpClient verifying) {
    this.verifying = verifying;
  }

  @Override
  public void checkAccess(RegistryTarget target) {
    get(target, "/v2/");
  }

  @Override
  public List<String> repositories(RegistryTarget target) {
    return paged(target, "/v2/_catalog?n=" + PAGE, "repositories");
  }

  @Override
  public List<String> tags(RegistryTarget target, String repository) {
    return paged(target, "/v2/" + repository + "/tags/list?n=" + PAGE, "tags");
  }

  @SuppressWarnings("unchecked")
  private List<String> paged(RegistryTarget target, String first, String field) {
    List<String> out = new ArrayList<>();
    String path = first;
    while (path != null) {
      HttpResponse<byte[]> response = get(target, path);
      Map<String, Object> body;
      try {
        body = WireJson.read(response.body(), Map.class);
      } catch (RuntimeException e) {
        throw new RegistryException(
            Reason.PROTOCOL, path + " did not answer JSON: " + e.getMessage(), e);
      }
      if (body.get(field) instanceof List<?> items) {
        items.forEach(item -> out.add(String.valueOf(item)));
      }
      path = response.headers().firstValue("Link").flatMap(HttpRegistryCatalog::next).orElse(null);
    }
    return out;
  }

  private static Optional<String> next(String link) {
    Matcher m = NEXT.matcher(link);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private HttpResponse<byte[]> get(RegistryTarget target, String path) {
    URI uri = URI.create(path.startsWith("http") ? path : base(target) + path);
    HttpResponse<byte[]> response = send(target, uri, null);
    if (response.statusCode() == 401) {
      String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
      response = send(target, uri, authorization(target, challenge));
      if (response.statusCode() == 401 || response.statusCode() == 403) {
        throw new RegistryException(
            Reason.UNAUTHORIZED,
            target.hasCredentials()
                ? "the registry refused the credentials of user " + target.username()
                : "the registry wants credentials and none were given",
            null);
      }
    }
    if (response.statusCode() == 403) {
      throw new RegistryException(Reason.UNAUTHORIZED, "the registry forbids " + path, null);
    }
    if (response.statusCode() / 100 != 2) {
      throw new RegistryException(
          Reason.PROTOCOL, "GET " + uri.getPath() + " answered " + response.statusCode(), null);
    }
    return response;
  }

  private String authorization(RegistryTarget target, String challenge) {
    String scheme = challenge.split(" ", 2)[0].trim();
    if (scheme.equalsIgnoreCase("Basic")) {
      if (!target.hasCredentials()) {
        throw new RegistryException(
            Reason.UNAUTHORIZED, "the registry wants credentials and none were given", null);
      }
      return basic(target);
    }
    if (!scheme.equalsIgnoreCase("Bearer")) {
      throw new RegistryException(
          Reason.PROTOCOL, "unknown authentication challenge '" + scheme + "'", null);
    }
    if (!target.hasCredentials() && target.token() != null && !target.token().isEmpty()) {
      return "Bearer " + target.token();
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    String realm = params.remove("realm");
    if (realm == null) {
      throw new RegistryException(Reason.PROTOCOL, "bearer challenge without a realm", null);
    }
    StringBuilder query = new StringBuilder();
    params.forEach(
        (k, v) ->
            query
                .append(query.isEmpty() ? "?" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpResponse<byte[]> token =
        send(target, URI.create(realm + query), target.hasCredentials() ? basic(target) : null);
    if (token.statusCode() == 401 || token.statusCode() == 403) {
      throw new RegistryException(
          Reason.UNAUTHORIZED,
          "the token service refused the credentials of user " + target.username(),
          null);
    }
    if (token.statusCode() / 100 != 2) {
      throw new RegistryException(
          Reason.PROTOCOL, "the token service answered " + token.statusCode(), null);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> body = WireJson.read(token.body(), Map.class);
    Object value = body.getOrDefault("token", body.get("access_token"));
    if (value == null) {
      throw new RegistryException(Reason.PROTOCOL, "the token service gave no token", null);
    }
    return "Bearer " + value;
  }

  private HttpResponse<byte[]> send(RegistryTarget target, URI uri, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return (target.skipTlsVerify() ? trusting() : verifying)
          .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RegistryException(
          Reason.UNREACHABLE, "cannot reach " + uri.getHost() + ":" + uri.getPort() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(Reason.UNREACHABLE, "interrupted", e);
    }
  }

  private static String base(RegistryTarget target) {
    return (target.https() ? "https://" : "http://") + target.host();
  }

  private static String basic(RegistryTarget target) {
    String pair = target.username() + ":" + (target.password() == null ? "" : target.password());
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** For {@code skipTLSVerify}: the user asked not to check the registry's certificate. */
  private HttpClient trusting() {
    HttpClient client = trusting;
    if (client == null) {
      synchronized (this) {
        if (trusting == null) {
          HttpClient.Builder builder = HttpClient.newBuilder().sslContext(trustAll());
          verifying.connectTimeout().ifPresent(builder::connectTimeout);
          trusting = builder.build();
        }
        client = trusting;
      }
    }
    return client;
  }

  /**
   * Trusts any certificate for any name, as Go's {@code InsecureSkipVerify} does in the original.
   * An extended trust manager: the JDK wraps a plain one with a host-name check of its own.
   */
  private static SSLContext trustAll() {
    TrustManager trustAll =
        new X509ExtendedTrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {}

          @Override
          public void checkClientTrusted(
              X509Certificate[] chain, String authType, SSLEngine engine) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {}

          @Override
          public void checkServerTrusted(
              X509Certificate[] chain, String authType, SSLEngine engine) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("no TLS context", e);
    }
  }
}
