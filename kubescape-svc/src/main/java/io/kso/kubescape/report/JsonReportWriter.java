package io.kso.kubescape.report;

import dev.cel.common.values.NullValue;
import io.kso.kubescape.engine.Finding;
import io.kso.kubescape.engine.Resource;
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
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Kubescape's {@code --format json} results: {@code summaryDetails} (scores, frameworks, controls),
 * {@code resources} and {@code results[]} (per resource, each control with its rules and paths).
 * The schema is src/main/resources/schemas/scan-results.schema.json. Written as a stream, one
 * resource at a time, so that large scans do not hold the document in memory.
 */
public final class JsonReportWriter {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .addModule(
              new SimpleModule()
                  .addSerializer(
                      NullValue.class,
                      new ValueSerializer<NullValue>() {
                        @Override
                        public void serialize(
                            NullValue value, JsonGenerator g, SerializationContext ctx) {
                          g.writeNull();
                        }
                      }))
          .build();

  private JsonReportWriter() {}

  public static void write(ScanReport report, List<InputError> inputErrors, Writer out) {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("generationTime", Instant.now().toString());
      g.writeName("summaryDetails");
      g.writePOJO(summary(report));
      g.writeArrayPropertyStart("resources");
      List<Resource> all = report.resources().all();
      for (Resource r : all) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resourceID", r.id());
        m.put("source", Map.of("path", r.source()));
        m.put("object", r.object());
        g.writePOJO(m);
      }
      g.writeEndArray();
      g.writeArrayPropertyStart("results");
      for (int i = 0; i < all.size(); i++) {
        Map<String, Object> r = result(report, i, all.get(i).id());
        if (r != null) {
          g.writePOJO(r);
        }
      }
      g.writeEndArray();
      g.writeName("inputErrors");
      g.writePOJO(
          inputErrors.stream()
              .map(e -> Map.of("path", e.source(), "line", e.line(), "message", e.message()))
              .toList());
      g.writeName("evaluationErrors");
      g.writePOJO(report.errors());
      g.writeEndObject();
    }
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

  /** The controls that looked at one resource; null when none did. */
  private static Map<String, Object> result(ScanReport report, int index, String id) {
    List<Object> controls = new ArrayList<>();
    for (ControlResult cr : report.controls()) {
      if (!cr.looksAt(index)) {
        continue;
      }
      Status status = cr.notPassed().getOrDefault(id, Status.PASSED);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("controlID", cr.control().id());
      c.put("name", cr.control().name());
      c.put("severity", cr.control().severity());
      c.put("status", status(status));
      String exception = cr.exceptions().get(id);
      if (exception != null) {
        c.put("exceptions", List.of(Map.of("name", exception)));
      }
      c.put("rules", rules(cr, status, cr.findings().getOrDefault(id, List.of())));
      controls.add(c);
    }
    if (controls.isEmpty()) {
      return null;
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("resourceID", id);
    r.put("controls", controls);
    return r;
  }

  private static List<Object> rules(ControlResult cr, Status status, List<Finding> findings) {
    List<Object> rules = new ArrayList<>();
    if (findings.isEmpty()) {
      for (String name : cr.control().rules()) {
        rules.add(Map.of("name", name, "status", status.wire(), "paths", List.of()));
      }
      return rules;
    }
    ResourceResults.byRule(findings)
        .forEach(
            (name, fs) -> {
              List<Object> paths = new ArrayList<>();
              List<String> messages = new ArrayList<>();
              for (Finding f : fs) {
                paths.addAll(ResourceResults.paths(f));
                messages.add(f.message());
              }
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("name", name);
              m.put("status", status.wire());
              m.put("subStatus", status.subStatus());
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
