package io.kso.common.k8s;

import java.util.Optional;

/**
 * Workload ids: {@code wlid://cluster-<cluster>/namespace-<namespace>/<kind>-<name>}, or a wildcard
 * that stops after the cluster or the namespace.
 */
public final class Wlid {
  private static final String PREFIX = "wlid://";

  private Wlid() {}

  /** The namespace part of a (wildcard) wlid, if it has one. */
  public static Optional<String> namespace(String wlid) {
    if (wlid == null || !wlid.startsWith(PREFIX)) {
      return Optional.empty();
    }
    for (String part : wlid.substring(PREFIX.length()).split("/")) {
      if (part.startsWith("namespace-") && part.length() > "namespace-".length()) {
        return Optional.of(part.substring("namespace-".length()));
      }
    }
    return Optional.empty();
  }
}
