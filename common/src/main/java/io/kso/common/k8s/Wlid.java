package io.kso.common.k8s;

import java.util.Optional;

/**
 * Workload ids: {@code wlid://cluster-<cluster>/namespace-<namespace>/<kind>-<name>}, or a wildcard
 * that stops after the cluster or the namespace.
 */
public final class Wlid {
  private static final String PREFIX = "wlid://";

  private Wlid() {}

  /** The parts of a full wlid; kind is lower-case without dashes, as wlids write it. */
  public record Parts(String cluster, String namespace, String kind, String name) {}

  /** Builds the wlid of a workload: kind lower-cased, dashes removed. */
  public static String of(String cluster, String namespace, String kind, String name) {
    return PREFIX
        + "cluster-"
        + cluster
        + "/namespace-"
        + namespace
        + "/"
        + kind.toLowerCase(java.util.Locale.ROOT).replace("-", "")
        + "-"
        + name;
  }

  /** The parts of a full workload wlid; empty for a wildcard or anything else. */
  public static Optional<Parts> parse(String wlid) {
    if (wlid == null || !wlid.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = wlid.substring(PREFIX.length()).split("/");
    if (parts.length != 3
        || !parts[0].startsWith("cluster-")
        || !parts[1].startsWith("namespace-")) {
      return Optional.empty();
    }
    int dash = parts[2].indexOf('-');
    if (dash <= 0 || dash == parts[2].length() - 1) {
      return Optional.empty();
    }
    return Optional.of(
        new Parts(
            parts[0].substring("cluster-".length()),
            parts[1].substring("namespace-".length()),
            parts[2].substring(0, dash).toLowerCase(java.util.Locale.ROOT),
            parts[2].substring(dash + 1)));
  }

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
