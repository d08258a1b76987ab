package io.kso.kubescape.port;

import io.kso.kubescape.engine.Resource;
import java.util.List;
import java.util.Map;

/**
 * What a cluster read found.
 *
 * @param resources the objects read
 * @param unreadable kind name to the reason its objects could not be listed
 * @param serverVersion the API server's gitVersion, or "" when unknown
 */
public record ClusterRead(
    List<Resource> resources, Map<String, String> unreadable, String serverVersion) {
  public ClusterRead {
    resources = List.copyOf(resources);
    unreadable = Map.copyOf(unreadable);
    serverVersion = serverVersion == null ? "" : serverVersion;
  }
}
