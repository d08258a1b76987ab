package io.kso.operator.vuln;

import io.kso.common.message.RegistryCredentials;
import java.util.List;

/**
 * One image to scan, found running in the cluster.
 *
 * @param wlid the workload it was found in (the first one, when several run it)
 * @param containerName the container that runs it
 * @param imageTag the image as the pod spec names it
 * @param imageHash the image by digest, as the container runtime resolved it
 * @param credentials pull credentials for its registry, from the pod's and its service account's
 *     imagePullSecrets
 */
public record ImageTarget(
    String wlid,
    String containerName,
    String imageTag,
    String imageHash,
    List<RegistryCredentials> credentials) {
  public ImageTarget {
    credentials = List.copyOf(credentials);
  }

  @Override
  public String toString() {
    return "ImageTarget[wlid=%s, container=%s, image=%s, digest=%s, credentials=%d]"
        .formatted(wlid, containerName, imageTag, imageHash, credentials.size());
  }
}
