package io.kso.kubescape.posture;

import java.util.List;

/**
 * What a scan request that leaves a field out gets: the service's configuration.
 *
 * @param submit submit results when the request does not say ({@code KS_SUBMIT})
 * @param keepLocal never submit ({@code KS_KEEP_LOCAL}): wins over any request
 * @param includeNamespaces namespaces to scan when the request names none
 * @param excludeNamespaces namespaces to leave out when the request names none
 * @param account the account ID when the request carries none
 */
public record ScanDefaults(
    boolean submit,
    boolean keepLocal,
    List<String> includeNamespaces,
    List<String> excludeNamespaces,
    String account) {
  public ScanDefaults {
    includeNamespaces = includeNamespaces == null ? List.of() : List.copyOf(includeNamespaces);
    excludeNamespaces = excludeNamespaces == null ? List.of() : List.copyOf(excludeNamespaces);
    account = account == null ? "" : account;
  }
}
