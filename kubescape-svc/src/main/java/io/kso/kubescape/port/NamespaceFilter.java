package io.kso.kubescape.port;

import java.util.List;

/** Which namespaces a scan reads: {@code include} (empty: all) minus {@code exclude}. */
public record NamespaceFilter(List<String> include, List<String> exclude) {
  public NamespaceFilter {
    include = include == null ? List.of() : List.copyOf(include);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
  }

  public static NamespaceFilter all() {
    return new NamespaceFilter(List.of(), List.of());
  }
}
