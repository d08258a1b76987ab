package io.kso.kubescape.adapter.k8s;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A listable API resource: where a kind's objects are listed. {@code group} is "" for core. */
record ApiResource(String group, String version, String plural, String kind, boolean namespaced) {

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The list path, across namespaces when {@code namespace} is null. */
  String listPath(String namespace, int limit, String continueToken) {
    StringBuilder path = new StringBuilder(group.isEmpty() ? "/api/" : "/apis/");
    path.append(apiVersion());
    if (namespace != null) {
      path.append("/namespaces/").append(namespace);
    }
    path.append('/').append(plural).append("?limit=").append(limit);
    if (continueToken != null) {
      path.append("&continue=").append(URLEncoder.encode(continueToken, StandardCharsets.UTF_8));
    }
    return path.toString();
  }
}
