package io.kso.kubescape.posture;

import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.engine.Values;
import io.kso.kubescape.port.ClusterObjects;
import io.kso.kubescape.port.ClusterRead;
import io.kso.kubescape.port.NamespaceFilter;
import io.kso.kubescape.port.ResultStore;
import io.kso.kubescape.report.JsonReportWriter;
import io.kso.kubescape.scan.RuleKinds;
import io.kso.kubescape.scan.ScanOptions;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Scanner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One posture scan of the cluster: reads the kinds the selected controls need, evaluates them,
 * stores the report, and submits it when asked. Kinds that could not be read make their controls
 * skipped with the reason; a read that found nothing fails the scan rather than scoring nothing.
 */
public final class PostureScan implements PostureScans.Work {
  private static final Logger log = LoggerFactory.getLogger(PostureScan.class);
  private static final Set<String> ENVELOPE = Set.of("apiVersion", "kind", "metadata");

  private final Supplier<Scanner> scanners;
  private final ClusterObjects cluster;
  private final ResultStore results;
  private final Submission submission;
  private final ScanIdentity identity;

  public PostureScan(
      Supplier<Scanner> scanners,
      ClusterObjects cluster,
      ResultStore results,
      Submission submission,
      ScanIdentity identity) {
    this.scanners = scanners;
    this.cluster = cluster;
    this.results = results;
    this.submission = submission;
    this.identity = identity;
  }

  @Override
  public ScanReport run(String id, ScanRequest request, Cancellation cancellation) {
    Scanner scanner = scanners.get();
    ClusterRead read = read(scanner, request);
    cancellation.check();
    if (read.resources().isEmpty()) {
      throw new IllegalStateException(
          "nothing could be read from the cluster"
              + (read.unreadable().isEmpty() ? "" : ": " + read.unreadable().values()));
    }
    ScanOptions options = options(request).toBuilder().unreadableKinds(read.unreadable()).build();
    ScanReport report = scanner.scan(read.resources(), options);
    cancellation.check();
    results.save(
        id, out -> JsonReportWriter.write(report, List.of(), header(id, request, read), out));
    log.atInfo()
        .addKeyValue("jobId", id)
        .addKeyValue("resources", read.resources().size())
        .addKeyValue("unreadableKinds", read.unreadable().keySet())
        .log("posture scan stored");
    if (request.submit()) {
      submit(id, request);
    }
    return report;
  }

  private static ScanOptions options(ScanRequest request) {
    return ScanOptions.builder()
        .frameworks(request.frameworks())
        .controls(request.controls())
        .exceptions(request.exceptions())
        .build();
  }

  private ClusterRead read(Scanner scanner, ScanRequest request) {
    Map<String, Object> object = request.scanObject();
    if (object == null) {
      return cluster.read(
          RuleKinds.toRead(scanner.bundle(), options(request)), request.namespaces());
    }
    if (!ENVELOPE.containsAll(object.keySet())) {
      return new ClusterRead(
          List.of(Resource.of(Values.toCelMap(object), "scanObject")), Map.of(), "");
    }
    Resource wanted = Resource.of(Values.toCelMap(object), "scanObject");
    NamespaceFilter namespace =
        wanted.namespace().isEmpty()
            ? NamespaceFilter.all()
            : new NamespaceFilter(List.of(wanted.namespace()), List.of());
    ClusterRead all = cluster.read(Set.of(wanted.kind()), namespace);
    List<Resource> found =
        all.resources().stream()
            .filter(r -> r.name().equals(wanted.name()) && r.kind().equals(wanted.kind()))
            .toList();
    return new ClusterRead(found, all.unreadable(), all.serverVersion());
  }

  private Map<String, Object> header(String id, ScanRequest request, ClusterRead read) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("reportGUID", id);
    header.put("customerGUID", request.account());
    header.put("clusterName", identity.clusterName());
    header.put("clusterAPIServerInfo", Map.of("gitVersion", read.serverVersion()));
    return header;
  }

  /** The report stays on the results volume whatever the event receiver does. */
  private void submit(String id, ScanRequest request) {
    Path file = results.find(id).orElseThrow();
    try {
      submission.submit(id, request.account(), file);
      log.atInfo().addKeyValue("jobId", id).log("posture report submitted");
    } catch (Exception e) {
      log.atWarn()
          .addKeyValue("jobId", id)
          .addKeyValue("error", String.valueOf(e.getMessage()))
          .log("posture report not submitted; it is kept on the results volume");
    }
  }
}
