package io.kso.kubescape.engine;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts parsed YAML/JSON trees to the value model CEL evaluates (int64 as Long, double, string,
 * bool, list, map with string keys, null as {@link NullValue}) and back to plain Java for output. A
 * map entry whose value is null is dropped, as Kubernetes treats it: {@code securityContext:} with
 * nothing after it is no security context.
 */
public final class Values {
  private Values() {}

  public static Object toCel(Object v) {
    if (v == null || v instanceof NullValue) {
      return NullValue.NULL_VALUE;
    }
    if (v instanceof Map<?, ?> m) {
      // Compact, ordered and immutable: objects are read many times and never changed.
      ImmutableMap.Builder<String, Object> out = ImmutableMap.builderWithExpectedSize(m.size());
      m.forEach(
          (k, x) -> {
            if (x != null && !(x instanceof NullValue)) {
              out.put(String.valueOf(k).intern(), toCel(x));
            }
          });
      return out.buildKeepingLast();
    }
    if (v instanceof List<?> l) {
      ImmutableList.Builder<Object> out = ImmutableList.builderWithExpectedSize(l.size());
      l.forEach(x -> out.add(toCel(x)));
      return out.build();
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float) {
      return ((Float) v).doubleValue();
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? b.longValue() : b.doubleValue();
    }
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (v instanceof Long || v instanceof Double || v instanceof String || v instanceof Boolean) {
      return v;
    }
    return String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> toCelMap(Object v) {
    Object c = toCel(v);
    return c instanceof Map<?, ?> ? (Map<String, Object>) c : Map.of();
  }

  /** Back to plain Java: NullValue becomes null, CEL's immutable collections become mutable. */
  public static Object toPlain(Object v) {
    if (v instanceof NullValue) {
      return null;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), toPlain(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(toPlain(x)));
      return out;
    }
    if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
      return d;
    }
    return v;
  }

  /** A value rendered as Kubescape renders fix values: always a string. */
  public static String asString(Object v) {
    if (v == null || v instanceof NullValue) {
      return "";
    }
    if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(v);
  }
}
