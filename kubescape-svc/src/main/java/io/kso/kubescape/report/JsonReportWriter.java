package io.kso.kubescape.report;

import io.kso.kubescape.engine.Finding;
import io.kso.kubescape.engine.Values;
import io.kso.kubescape.input.InputError;
import io.kso.kubescape.scan.ControlResult;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Status;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kubescape's {@code --format json} results: {@code summaryDetails} (scores, frameworks, controls),
 * {@code resources} and {@code results[]} (per resource, each control with its rules and paths).
 * The schema is src/main/resources/schemas/scan-results.schema.json.
 */
public final class JsonReportWriter {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private JsonReportWriter() {}

  public static void write(ScanReport report, List<InputError> inputErrors, Writer out) {
    JSON.writeValue(out, document(report, inputErrors));
  }

  static Map<String, Object> document(ScanReport report, List<InputError> inputErrors) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generationTime", Instant.now().toString());
    doc.put("summaryDetails", summary(report));
    List<Object> resources = new ArrayList<>();
    report
        .resources()
        .forEach(
            (id, r) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("resourceID", id);
              m.put("source", Map.of("path", r.source()));
              m.put("object", Values.toPlain(r.object()));
              resources.add(m);
            });
    doc.put("resources", resources);
    doc.put("results", results(report));
    doc.put(
        "inputErrors",
        inputErrors.stream()
            .map(e -> Map.of("path", e.source(), "line", e.line(), "message", e.message()))
            .toList());
    doc.put("evaluationErrors", report.errors());
    return doc;
  }

  private static Map<String, Object> summary(ScanReport report) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("score", round(report.riskScore()));
    s.put("complianceScore", round(report.complianceScore()));
    s.put("status", Map.of("status", report.failedControls() > 0 ? "failed" : "passed"));
    List<Object> fws = new ArrayList<>();
    for (ScanReport.FrameworkSummary f : report.frameworks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("version", f.version());
      m.put("score", round(f.riskScore()));
      m.put("complianceScore", round(f.complianceScore()));
      m.put("controls", f.controls());
      fws.add(m);
    }
    s.put("frameworks", fws);
    Map<String, Object> controls = new LinkedHashMap<>();
    for (ControlResult c : report.controls()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("controlID", c.control().id());
      m.put("name", c.control().name());
      m.put("severity", c.control().severity());
      m.put("baseScore", c.control().baseScore());
      m.put("status", status(c.status()));
      m.put("score", round(c.scores().risk()));
      m.put("complianceScore", round(c.scores().compliance()));
      m.put("scoreFactor", c.control().baseScore());
      m.put(
          "ResourceCounters",
          Map.of(
              "passedResources", c.count(Status.PASSED),
              "failedResources", c.count(Status.FAILED),
              "excludedResources", c.count(Status.EXCEPTED)));
      controls.put(c.control().id(), m);
    }
    s.put("controls", controls);
    return s;
  }

  private static List<Object> results(ScanReport report) {
    List<Object> out = new ArrayList<>();
    ResourceResults.of(report)
        .forEach(
            (id, entries) -> {
              Map<String, Object> r = new LinkedHashMap<>();
              r.put("resourceID", id);
              List<Object> controls = new ArrayList<>();
              for (ResourceResults.Entry e : entries) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("controlID", e.control().control().id());
                c.put("name", e.control().control().name());
                c.put("severity", e.control().control().severity());
                c.put("status", status(e.status()));
                if (e.exception() != null) {
                  c.put("exceptions", List.of(Map.of("name", e.exception())));
                }
                c.put("rules", rules(e));
                controls.add(c);
              }
              r.put("controls", controls);
              out.add(r);
            });
    return out;
  }

  private static List<Object> rules(ResourceResults.Entry e) {
    List<Object> rules = new ArrayList<>();
    if (e.findings().isEmpty()) {
      for (String name : e.control().control().rules()) {
        rules.add(Map.of("name", name, "status", e.status().wire(), "paths", List.of()));
      }
      return rules;
    }
    ResourceResults.byRule(e.findings())
        .forEach(
            (name, findings) -> {
              List<Object> paths = new ArrayList<>();
              List<String> messages = new ArrayList<>();
              for (Finding f : findings) {
                paths.addAll(ResourceResults.paths(f));
                messages.add(f.message());
              }
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("name", name);
              m.put("status", e.status().wire());
              m.put("subStatus", e.status().subStatus());
              m.put("paths", paths);
              m.put("messages", messages);
              rules.add(m);
            });
    return rules;
  }

  private static Map<String, Object> status(Status s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", s.wire());
    if (!s.subStatus().isEmpty()) {
      m.put("subStatus", s.subStatus());
    }
    return m;
  }

  static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }
}
