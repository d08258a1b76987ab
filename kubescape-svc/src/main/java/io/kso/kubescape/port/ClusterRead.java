package io.kso.kubescape.port;

import io.kso.kubescape.engine.Resource;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a read of the cluster gave.
 *
 * @param resources what was read, as engine Resources (maps in CEL's value model, source {@code
 *     "cluster"}), without {@code metadata.managedFields}
 * @param unreadable kind → reason, for kinds that could not be listed ({@code "pods: forbidden
 *     (403)"}, {@code "httproutes: not served by this API server (404)"}) or are not API server
 *     kinds at all ({@code "KubeletInfo: not an API server kind (host scanner data)"}); sorted by
 *     kind
 * @param serverVersion the API server's gitVersion, e.g. {@code "v1.30.2"}, or {@code ""} when
 *     {@code /version} fails
 */
public record ClusterRead(
    List<Resource> resources, Map<String, String> unreadable, String serverVersion) {
  public ClusterRead {
    resources = resources == null ? List.of() : List.copyOf(resources);
    unreadable =
        unreadable == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(unreadable));
    serverVersion = serverVersion == null ? "" : serverVersion;
  }
}
