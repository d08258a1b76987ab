package io.kso.gateway.adapter.ws;

import io.kso.common.message.NotificationEnvelope;
import io.kso.gateway.relay.Attributes;
import io.kso.gateway.relay.Credentials;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the websocket endpoint answers before any upgrade: the path must start with {@code
 * /v1/waitfornotification} (any suffix), the method must be GET, a browser's {@code Origin} must be
 * the host itself, the query must carry at least one attribute, and, on a master with credentials,
 * the right credentials must be presented.
 *
 * @param status 101 to go on with the upgrade, otherwise the HTTP status to refuse with
 */
record Handshake(int status, String detail, Attributes attributes) {
  static final String CLIENT_ID_HEADER = "X-Client-ID";
  static final String API_KEY_HEADER = "X-API-KEY";
  static final int UPGRADE = 101;

  /**
   * @param header looks up a request header by name
   * @param required the credentials every registration must present; {@link Credentials#NONE} for
   *     none
   */
  static Handshake check(
      String method, String uri, UnaryOperator<String> header, Credentials required) {
    QueryStringDecoder query = new QueryStringDecoder(uri);
    if (!query.path().startsWith(NotificationEnvelope.PATH_WEBSOCKET)) {
      return refuse(404, "no such endpoint: " + query.path());
    }
    if (!"GET".equals(method)) {
      return refuse(405, "method not allowed: " + method);
    }
    if (!sameOrigin(header.apply("Origin"), header.apply("Host"))) {
      return refuse(403, "origin not allowed");
    }
    Attributes attributes = attributes(query.rawQuery());
    if (attributes.isEmpty()) {
      return refuse(400, "no attributes received");
    }
    if (required.configured()
        && !required.accepts(header.apply(CLIENT_ID_HEADER), header.apply(API_KEY_HEADER))) {
      return refuse(401, "missing or wrong credentials");
    }
    return new Handshake(UPGRADE, "", attributes);
  }

  /**
   * Every query key with a name is an attribute (its value may be empty); of a repeated key, the
   * first value counts. Parsed as Go's {@code url.ParseQuery} does: {@code &}-separated pairs,
   * split at the first {@code =}, percent- and plus-decoded.
   */
  static Attributes attributes(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = QueryStringDecoder.decodeComponent(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : QueryStringDecoder.decodeComponent(pair.substring(eq + 1));
      if (!key.isEmpty()) {
        values.putIfAbsent(key, value);
      }
    }
    return Attributes.of(values);
  }

  /**
   * Gorilla's default origin check, kept for compatibility: a request without {@code Origin} (any
   * non-browser client) passes; one with it passes only when its host and port are the {@code Host}
   * the request was sent to.
   */
  static boolean sameOrigin(String origin, String host) {
    if (origin == null || origin.isEmpty()) {
      return true;
    }
    try {
      String authority = URI.create(origin).getRawAuthority();
      return authority != null && host != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  boolean upgrade() {
    return status == UPGRADE;
  }

  private static Handshake refuse(int status, String detail) {
    return new Handshake(status, detail, Attributes.of(Map.of()));
  }
}
