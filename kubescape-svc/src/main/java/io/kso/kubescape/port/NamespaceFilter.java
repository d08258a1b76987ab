package io.kso.kubescape.port;

import java.util.List;
import java.util.Objects;

/**
 * Which namespaces a scan covers, with Kubescape's semantics ({@code --include-namespaces} and
 * {@code --exclude-namespaces}, core/pkg/resourcehandler/fieldselector.go):
 *
 * <ul>
 *   <li>with {@code include}, only namespaced objects of those namespaces and only the Namespace
 *       objects of those names are read, and {@code exclude} is ignored (Kubescape uses the include
 *       selector whenever it is set);
 *   <li>else objects in the {@code exclude} namespaces and the Namespace objects of those names are
 *       dropped;
 *   <li>other cluster-scoped objects (nodes, cluster roles, webhooks...) are always read.
 * </ul>
 *
 * Names are trimmed; blanks and duplicates are dropped.
 */
public record NamespaceFilter(List<String> include, List<String> exclude) {
  private static final NamespaceFilter ALL = new NamespaceFilter(List.of(), List.of());

  public NamespaceFilter {
    include = names(include);
    exclude = names(exclude);
  }

  public static NamespaceFilter all() {
    return ALL;
  }

  /** True when a namespaced object in this namespace is scanned. */
  public boolean admits(String namespace) {
    return include.isEmpty() ? !exclude.contains(namespace) : include.contains(namespace);
  }

  private static List<String> names(List<String> names) {
    return names == null
        ? List.of()
        : names.stream()
            .filter(Objects::nonNull)
            .map(String::trim)
            .filter(n -> !n.isEmpty())
            .distinct()
            .toList();
  }
}
