package io.kso.kubevuln.service;

import io.kso.common.message.RegistryCredentials;
import java.util.List;
import java.util.Map;

/**
 * One accepted request: which image, for which workload or registry, and the job it belongs to.
 *
 * @param image the reference to pull: {@code imageHash} (repo@sha256:…) for workload images, {@code
 *     imageTag} for registry images
 * @param digest the image's manifest digest when the request names it, else {@code null}
 * @param args the request's {@code args} (useHTTP, skipTLSVerify, registryName, repository, tag…)
 */
public record ScanJob(
    Kind kind,
    String image,
    String digest,
    String imageTag,
    String wlid,
    String containerName,
    String jobId,
    String parentJobId,
    int actionIdn,
    List<RegistryCredentials> credentials,
    Map<String, Object> args) {

  public enum Kind {
    /** {@code /v1/scanImage}: an image running in the cluster. */
    WORKLOAD_IMAGE,
    /** {@code /v1/scanRegistryImage}: an image of a registry scan. */
    REGISTRY_IMAGE,
    /** {@code /v1/generateSBOM}: the SBOM only, no matching. */
    SBOM_ONLY
  }

  public ScanJob {
    credentials = credentials == null ? List.of() : List.copyOf(credentials);
    args = args == null ? Map.of() : Map.copyOf(args);
  }

  public boolean useHttp() {
    return Boolean.TRUE.equals(args.get("useHTTP"));
  }

  public ScanJob withDigest(String resolved) {
    return new ScanJob(
        kind,
        image,
        resolved,
        imageTag,
        wlid,
        containerName,
        jobId,
        parentJobId,
        actionIdn,
        credentials,
        args);
  }

  /** The job as the SBOM cache keeps it: registry credentials never go to disk. */
  public ScanJob withoutCredentials() {
    return new ScanJob(
        kind,
        image,
        digest,
        imageTag,
        wlid,
        containerName,
        jobId,
        parentJobId,
        actionIdn,
        List.of(),
        args);
  }

  @Override
  public String toString() {
    return "ScanJob[%s %s, wlid=%s, jobID=%s, credentials=%d entries]"
        .formatted(kind, image, wlid, jobId, credentials.size());
  }
}
