package io.kso.gateway.relay;

import static io.kso.common.message.NotificationEnvelope.TARGET_CUSTOMER;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a connection registered with (its query parameters), and the matching rule of the original
 * gateway: a connection receives a notification when every key present both in its attributes and
 * in the target has the same value, and at least one key is present in both.
 */
public record Attributes(Map<String, String> values) {
  public Attributes {
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  public static Attributes of(Map<String, String> values) {
    return new Attributes(values);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Agree on the intersection of keys, and the intersection is not empty. */
  public boolean matches(Map<String, String> target) {
    boolean shared = false;
    for (Map.Entry<String, String> attribute : values.entrySet()) {
      String wanted = target.get(attribute.getKey());
      if (wanted == null) {
        continue;
      }
      if (!wanted.equals(attribute.getValue())) {
        return false;
      }
      shared = true;
    }
    return shared;
  }

  /**
   * What an in-cluster gateway registers with at its master on behalf of this leaf: the leaf's
   * {@code customerGUID} alone, or all its attributes when it has none.
   */
  public Attributes upstreamKey() {
    String customer = values.get(TARGET_CUSTOMER);
    return customer == null ? this : new Attributes(Map.of(TARGET_CUSTOMER, customer));
  }

  @Override
  public String toString() {
    return new TreeMap<>(values).toString();
  }
}
