package io.kso.kubevuln.adapter.report;

import io.kso.common.k8s.Wlid;
import io.kso.common.message.WireJson;
import io.kso.kubevuln.match.Match;
import io.kso.kubevuln.osv.Severity;
import io.kso.kubevuln.service.ScanJob;
import io.kso.kubevuln.service.ScanResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scan result in the original's {@code containerScan} report format: a first message with the
 * summary, then the vulnerabilities in chunks of about {@link #CHUNK_BYTES} bytes, each with its
 * {@code paginationInfo}; the last is marked {@code isLastChunk}.
 */
public final class ContainerScanChunks {
  public static final int CHUNK_BYTES = 30_000;

  private ContainerScanChunks() {}

  public static List<Map<String, Object>> of(
      ScanResult result, String customerGuid, String clusterName) {
    ScanJob job = result.job();
    String scanId = result.digest() + "/" + job.jobId();
    Map<String, Object> designators = designators(job, customerGuid, clusterName);
    long timestamp = result.at().getEpochSecond();

    List<Map<String, Object>> vulnerabilities = new ArrayList<>();
    for (Match m : result.matches()) {
      vulnerabilities.add(vulnerability(m, job, designators, scanId));
    }
    List<List<Map<String, Object>>> chunks = chunk(vulnerabilities);

    List<Map<String, Object>> messages = new ArrayList<>();
    Map<String, Object> first =
        message(designators, scanId, List.of(), 0, chunks.isEmpty(), timestamp);
    first.put("summary", summary(result, job, customerGuid, clusterName, scanId));
    messages.add(first);
    for (int i = 0; i < chunks.size(); i++) {
      messages.add(
          message(designators, scanId, chunks.get(i), i + 1, i == chunks.size() - 1, timestamp));
    }
    return messages;
  }

  private static Map<String, Object> message(
      Map<String, Object> designators,
      String scanId,
      List<Map<String, Object>> vulnerabilities,
      int chunk,
      boolean last,
      long timestamp) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("designators", designators);
    m.put("containersScanID", scanId);
    m.put("vulnerabilities", vulnerabilities);
    m.put("paginationInfo", Map.of("chunkNumber", chunk, "isLastChunk", last));
    m.put("timestamp", timestamp);
    return m;
  }

  private static List<List<Map<String, Object>>> chunk(List<Map<String, Object>> all) {
    List<List<Map<String, Object>>> chunks = new ArrayList<>();
    List<Map<String, Object>> current = new ArrayList<>();
    int size = 0;
    for (Map<String, Object> v : all) {
      int bytes = WireJson.write(v).length;
      if (!current.isEmpty() && size + bytes > CHUNK_BYTES) {
        chunks.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(v);
      size += bytes;
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }

  private static Map<String, Object> designators(
      ScanJob job, String customerGuid, String clusterName) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("customerGUID", customerGuid);
    attributes.put("cluster", clusterName);
    Wlid.parse(job.wlid())
        .ifPresent(
            p -> {
              attributes.put("namespace", p.namespace());
              attributes.put("kind", p.kind());
              attributes.put("name", p.name());
            });
    if (job.containerName() != null) {
      attributes.put("containerName", job.containerName());
    }
    for (String key : List.of("registryName", "repository", "tag", "sensor")) {
      if (job.args().get(key) != null) {
        attributes.put(key, String.valueOf(job.args().get(key)));
      }
    }
    Map<String, Object> designators = new LinkedHashMap<>();
    designators.put("designatorType", "Attributes");
    designators.put("wlid", job.wlid() == null ? "" : job.wlid());
    designators.put("attributes", attributes);
    return designators;
  }

  private static Map<String, Object> summary(
      ScanResult result, ScanJob job, String customerGuid, String clusterName, String scanId) {
    Map<Severity.Level, Integer> counts = new EnumMap<>(Severity.Level.class);
    result.matches().forEach(m -> counts.merge(m.severity().level(), 1, Integer::sum));
    List<Map<String, Object>> stats = new ArrayList<>();
    counts.forEach((level, n) -> stats.add(Map.of("severity", title(level), "total", n)));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("customerGUID", customerGuid);
    s.put("containersScanID", scanId);
    s.put("wlid", job.wlid() == null ? "" : job.wlid());
    s.put("imageHash", result.digest());
    s.put("imageTag", job.imageTag() == null ? job.image() : job.imageTag());
    s.put("cluster", clusterName);
    s.put("namespace", Wlid.namespace(job.wlid()).orElse(""));
    s.put("containerName", job.containerName() == null ? "" : job.containerName());
    s.put("status", "Success");
    s.put("packages", result.packages());
    s.put("severitiesStats", stats);
    s.put(
        "jobIDs",
        job.parentJobId() == null ? List.of(job.jobId()) : List.of(job.parentJobId(), job.jobId()));
    s.put(
        "vulnerabilities",
        result.matches().stream().map(m -> Map.of("name", m.vulnerabilityId())).toList());
    s.put("dataStale", result.data().stale());
    s.put("timestamp", result.at().getEpochSecond());
    return s;
  }

  private static Map<String, Object> vulnerability(
      Match m, ScanJob job, Map<String, Object> designators, String scanId) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("designators", designators);
    v.put("wlid", job.wlid() == null ? "" : job.wlid());
    v.put("containersScanID", scanId);
    v.put("name", m.vulnerabilityId());
    v.put("aliases", m.aliases());
    v.put("severity", title(m.severity().level()));
    if (m.severity().score() != null) {
      v.put("cvssScore", m.severity().score());
    }
    v.put("packageName", m.pkg().name());
    v.put("packageVersion", m.pkg().version());
    v.put("packageType", m.pkg().ecosystem());
    v.put("purl", m.pkg().purl());
    v.put("description", m.summary() == null ? "" : m.summary());
    v.put(
        "fixedIn",
        m.fixedVersion() == null || m.fixedVersion().isEmpty()
            ? List.of()
            : List.of(Map.of("name", m.pkg().name(), "version", m.fixedVersion())));
    v.put("isFixed", m.fixedVersion() != null && !m.fixedVersion().isEmpty() ? 1 : 0);
    v.put("isLastScan", 1);
    v.put("relatedExceptions", List.of());
    v.put("matchedBy", m.matchedBy().rule() + " " + m.matchedBy().detail());
    return v;
  }

  private static String title(Severity.Level level) {
    String name = level.name().toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
