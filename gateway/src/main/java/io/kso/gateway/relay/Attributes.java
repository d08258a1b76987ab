package io.kso.gateway.relay;

import static io.kso.common.message.NotificationEnvelope.TARGET_CUSTOMER;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a connection registered with (its query parameters), and the matching rule of the original
 * gateway: a connection receives a notification when every key present both in its attributes and
 * in the target has the same value, and at least one key is present in both.
 */
public final class Attributes {
  private final Map<String, String> values;
  // The same entries as arrays: matching runs once per connection per notification, and must not
  // allocate an iterator each time (C1-compiled code, as the chart runs it, does not elide them).
  private final String[] keys;
  private final String[] wanted;

  private Attributes(Map<String, String> values) {
    this.values = values == null ? Map.of() : Map.copyOf(values);
    this.keys = this.values.keySet().toArray(String[]::new);
    this.wanted = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      wanted[i] = this.values.get(keys[i]);
    }
  }

  public static Attributes of(Map<String, String> values) {
    return new Attributes(values);
  }

  public Map<String, String> values() {
    return values;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Agree on the intersection of keys, and the intersection is not empty. */
  public boolean matches(Map<String, String> target) {
    boolean shared = false;
    for (int i = 0; i < keys.length; i++) {
      String value = target.get(keys[i]);
      if (value == null) {
        continue;
      }
      if (!value.equals(wanted[i])) {
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
  public boolean equals(Object other) {
    return other instanceof Attributes that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return new TreeMap<>(values).toString();
  }
}
