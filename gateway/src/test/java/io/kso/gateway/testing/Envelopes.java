package io.kso.gateway.testing;

import io.kso.common.message.WireJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** Notification envelopes for tests. */
public final class Envelopes {
  private Envelopes() {}

  public static String to(Map<String, String> target) {
    return to(target, Map.of("note", "hello"));
  }

  public static String to(Map<String, String> target, Object notification) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("target", target);
    envelope.put("sendSynchronicity", false);
    envelope.put("notification", notification);
    return WireJson.writeString(envelope);
  }

  public static String synchronous(Map<String, String> target, Object notification) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("target", target);
    envelope.put("sendSynchronicity", true);
    envelope.put("notification", notification);
    return WireJson.writeString(envelope);
  }

  /** A query string from attributes, in the given order. */
  public static String query(Map<String, String> attributes) {
    StringBuilder query = new StringBuilder();
    attributes.forEach(
        (k, v) -> {
          if (!query.isEmpty()) {
            query.append('&');
          }
          query.append(k).append('=').append(v);
        });
    return query.toString();
  }
}
