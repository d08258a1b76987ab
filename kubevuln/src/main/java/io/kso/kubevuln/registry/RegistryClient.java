package io.kso.kubevuln.registry;

import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.image.ImageException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pull side of the OCI distribution API over the JDK's HTTP client: manifests and blobs, Basic
 * and Bearer-token authentication answered from the registry's challenge, retries with backoff on
 * 429, 5xx and connection failures, and redirects followed without leaking credentials to other
 * hosts. Bodies are streamed; the caller verifies digests.
 */
public final class RegistryClient {
  private static final int MAX_REDIRECTS = 5;
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
  private static final int CONNECT_TIMEOUT_MS = 15_000;

  /** The longest silence inside a response, not a bound on a whole layer's download. */
  private static final int READ_TIMEOUT_MS = 120_000;

  private final RegistryOptions options;
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();

  public RegistryClient(RegistryOptions options) {
    this.options = options;
  }

  /** A manifest as the registry served it. */
  public record Fetched(byte[] body, String contentType, String digestHeader) {}

  public Fetched manifest(ImageReference ref, String reference, String accept) {
    Response response = get(ref, "manifests/" + reference, accept);
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes(io.kso.kubevuln.image.Manifests.MAX_MANIFEST_BYTES + 1);
      if (body.length > io.kso.kubevuln.image.Manifests.MAX_MANIFEST_BYTES) {
        throw new ImageException(Reason.TOO_LARGE, "manifest of " + ref + " is larger than 4 MiB");
      }
      return new Fetched(
          body, header(response, "Content-Type"), header(response, "Docker-Content-Digest"));
    } catch (IOException e) {
      throw new ImageException(
          Reason.IO, "reading the manifest of " + ref + " failed: " + e.getMessage(), e);
    }
  }

  /** Opens a blob's content; the caller closes it. */
  public InputStream blob(ImageReference ref, String digest) {
    return get(ref, "blobs/" + digest, "*/*").body();
  }

  private static String header(Response response, String name) {
    return response.header(name).map(v -> v.split(";")[0].trim()).orElse(null);
  }

  private Response get(ImageReference ref, String path, String accept) {
    URI uri = URI.create(base(ref) + "/v2/" + ref.repository() + "/" + path);
    String scopeKey = ref.apiHost() + "/" + ref.repository();
    boolean challenged = false;
    for (int attempt = 1; ; attempt++) {
      Response response = send(uri, accept, authorizations.get(scopeKey), ref, attempt);
      if (response == null) {
        continue; // connection failure, retried after backoff
      }
      int status = response.statusCode();
      if (status == 401 && !challenged) {
        challenged = true;
        String challenge = header(response, "WWW-Authenticate");
        discard(response);
        authorizations.put(
            scopeKey, answer(ref, response.header("WWW-Authenticate").orElse(challenge)));
        attempt--;
        continue;
      }
      if ((status == 429 || status >= 500) && attempt < options.maxAttempts()) {
        Duration wait = retryAfter(response).orElse(backoff(attempt));
        discard(response);
        sleep(wait);
        continue;
      }
      if (status >= 300 && status < 400) {
        return redirect(response, ref, 0);
      }
      if (status >= 200 && status < 300) {
        return response;
      }
      throw failure(response, ref, path);
    }
  }

  private Response send(
      URI uri, String accept, String authorization, ImageReference ref, int attempt) {
    try {
      var connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setInstanceFollowRedirects(false);
      connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
      connection.setReadTimeout(READ_TIMEOUT_MS);
      connection.setRequestProperty("Accept", accept);
      if (authorization != null) {
        connection.setRequestProperty("Authorization", authorization);
      }
      return Response.of(uri, connection);
    } catch (IOException e) {
      if (attempt >= options.maxAttempts()) {
        throw new ImageException(
            Reason.REGISTRY_ERROR,
            "cannot reach registry "
                + ref.apiHost()
                + " after "
                + attempt
                + " attempts: "
                + e.getMessage(),
            e);
      }
      sleep(backoff(attempt));
      return null;
    }
  }

  /** Follows a redirect (blob storage); credentials go only to the registry's own host. */
  private Response redirect(Response response, ImageReference ref, int depth) {
    String location = response.header("Location").orElse(null);
    discard(response);
    if (location == null || depth >= MAX_REDIRECTS) {
      throw new ImageException(
          Reason.REGISTRY_ERROR,
          "registry " + ref.apiHost() + " sent a redirect without a usable Location");
    }
    URI target = response.uri().resolve(location);
    String auth =
        ref.apiHost().equals(target.getAuthority())
            ? authorizations.get(ref.apiHost() + "/" + ref.repository())
            : null;
    Response next = send(target, "*/*", auth, ref, options.maxAttempts());
    int status = next.statusCode();
    if (status >= 300 && status < 400) {
      return redirect(next, ref, depth + 1);
    }
    if (status >= 200 && status < 300) {
      return next;
    }
    throw failure(next, ref, target.getPath());
  }

  private String answer(ImageReference ref, String challenge) {
    Optional<RegistryCredentials> credentials = options.credentials().apply(ref.registry());
    var parsed = AuthChallenge.parse(challenge);
    if (parsed.scheme().equalsIgnoreCase("basic")) {
      return credentials
          .map(RegistryCredentials::basicHeader)
          .orElseThrow(
              () ->
                  new ImageException(
                      Reason.UNAUTHORIZED,
                      "registry "
                          + ref.registry()
                          + " requires authentication and no credentials were given for it"));
    }
    if (parsed.scheme().equalsIgnoreCase("bearer")) {
      return "Bearer " + token(ref, parsed, credentials);
    }
    throw new ImageException(
        Reason.UNAUTHORIZED,
        "registry "
            + ref.registry()
            + " asks for an unsupported authentication scheme: "
            + parsed.scheme());
  }

  private String token(
      ImageReference ref, AuthChallenge challenge, Optional<RegistryCredentials> credentials) {
    String realm = challenge.params().get("realm");
    if (realm == null) {
      throw new ImageException(
          Reason.UNAUTHORIZED,
          "registry " + ref.registry() + " sent a Bearer challenge without a realm");
    }
    StringBuilder query = new StringBuilder();
    String service = challenge.params().get("service");
    if (service != null) {
      query.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
    }
    String scope =
        challenge.params().getOrDefault("scope", "repository:" + ref.repository() + ":pull");
    query
        .append(query.isEmpty() ? "" : "&")
        .append("scope=")
        .append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
    Response response =
        send(
            uri,
            "application/json",
            credentials.map(RegistryCredentials::basicHeader).orElse(null),
            ref,
            options.maxAttempts());
    if (response.statusCode() != 200) {
      discard(response);
      throw new ImageException(
          Reason.UNAUTHORIZED,
          "authentication to "
              + ref.registry()
              + " failed: the token service answered HTTP "
              + response.statusCode()
              + (credentials.isPresent()
                  ? "; check the credentials"
                  : "; no credentials were given"));
    }
    try (InputStream in = response.body()) {
      return AuthChallenge.tokenFrom(in.readNBytes(1024 * 1024));
    } catch (IOException e) {
      throw new ImageException(
          Reason.UNAUTHORIZED, "reading the token from " + realm + " failed: " + e.getMessage(), e);
    }
  }

  private ImageException failure(Response response, ImageReference ref, String path) {
    String detail = RegistryErrors.describe(response);
    int status = response.statusCode();
    String what = path.startsWith("manifests/") ? "manifest " + ref : path + " of " + ref;
    return switch (status) {
      case 401, 403 ->
          new ImageException(
              Reason.UNAUTHORIZED,
              "registry "
                  + ref.registry()
                  + " refused access to "
                  + what
                  + " (HTTP "
                  + status
                  + ")"
                  + (options.credentials().apply(ref.registry()).isPresent()
                      ? ": check the credentials"
                      : ": no credentials were given")
                  + detail);
      case 404 -> new ImageException(Reason.NOT_FOUND, "not found: " + what + detail);
      default ->
          new ImageException(
              Reason.REGISTRY_ERROR,
              "registry " + ref.registry() + " answered HTTP " + status + " for " + what + detail);
    };
  }

  private String base(ImageReference ref) {
    return (options.plainHttp() ? "http://" : "https://") + ref.apiHost();
  }

  private Duration backoff(int attempt) {
    return options.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
  }

  private static Optional<Duration> retryAfter(Response response) {
    return response
        .header("Retry-After")
        .flatMap(
            v -> {
              try {
                Duration d = Duration.ofSeconds(Long.parseLong(v.trim()));
                return Optional.of(d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  private static void discard(Response response) {
    try (InputStream in = response.body()) {
      in.skip(64 * 1024);
    } catch (IOException e) {
      // the connection is dropped instead of reused
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException(Reason.IO, "interrupted while waiting to retry", e);
    }
  }
}
