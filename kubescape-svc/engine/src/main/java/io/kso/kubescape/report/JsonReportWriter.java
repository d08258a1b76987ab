package io.kso.kubescape.report;

import io.kso.kubescape.engine.Finding;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.input.InputError;
import io.kso.kubescape.scan.ControlResult;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;

/**
 * Kubescape's {@code --format json} results: {@code summaryDetails} (scores, frameworks, controls),
 * {@code resources} and {@code results[]} (per resource, each control with its rules and paths).
 * The schema is src/main/resources/schemas/scan-results.schema.json. A report that scanned nothing
 * has no score and the status {@code skipped} with the reason as {@code info}; so has each skipped
 * control.
 *
 * <p>Written as a stream of UTF-8 bytes: the {@code resources} and {@code results} arrays, which
 * hold nearly all of a large report, are rendered in chunks on several threads and written in
 * order, so the document is never held in memory and one core does not render it all.
 */
public final class JsonReportWriter {
  private JsonReportWriter() {}

  public static void write(ScanReport report, List<InputError> inputErrors, OutputStream out) {
    write(report, inputErrors, Map.of(), out);
  }

  /**
   * @param header top-level properties written first, as the in-cluster service adds them ({@code
   *     reportGUID}, {@code customerGUID}, {@code clusterName}, ...)
   */
  public static void write(
      ScanReport report,
      List<InputError> inputErrors,
      Map<String, Object> header,
      OutputStream out) {
    try {
      StreamingJson json = new StreamingJson(out);
      json.raw('{');
      for (Map.Entry<String, Object> e : header.entrySet()) {
        json.property(e.getKey(), e.getValue());
        json.raw(',');
      }
      json.property("generationTime", Instant.now().toString());
      json.raw(',');
      json.property("summaryDetails", summary(report));
      List<Resource> all = report.resources().all();
      json.raw(',');
      json.array("resources", all.size(), (i, g) -> resource(all.get(i), g));
      json.raw(',');
      SerializableString[] passed = passedEntries(report.controls());
      json.array("results", all.size(), (i, g) -> result(report, passed, i, all.get(i).id(), g));
      json.raw(',');
      List<Object> errors = new ArrayList<>();
      for (InputError e : inputErrors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", e.source());
        m.put("line", e.line());
        m.put("message", e.message());
        errors.add(m);
      }
      json.property("inputErrors", errors);
      json.raw(',');
      json.property("evaluationErrors", report.errors());
      json.raw('}');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void resource(Resource r, JsonGenerator g) {
    g.writeStartObject();
    g.writeStringProperty("resourceID", r.id());
    g.writeObjectPropertyStart("source");
    g.writeStringProperty("path", r.source());
    g.writeEndObject();
    g.writeName("object");
    StreamingJson.value(r.object(), g);
    g.writeEndObject();
  }

  private static Map<String, Object> summary(ScanReport report) {
    Map<String, Object> s = new LinkedHashMap<>();
    if (report.scanned()) {
      s.put("score", round(report.riskScore()));
      s.put("complianceScore", round(report.complianceScore()));
    }
    s.put("status", status(report.status(), report.skipReason()));
    List<Object> fws = new ArrayList<>();
    for (ScanReport.FrameworkSummary f : report.frameworks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("version", f.version());
      if (report.scanned() && f.scored()) {
        m.put("score", round(f.riskScore()));
        m.put("complianceScore", round(f.complianceScore()));
      }
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
      m.put("status", status(c.status(), c.skipReason()));
      if (c.status() != Status.SKIPPED) {
        m.put("score", round(c.scores().risk()));
        m.put("complianceScore", round(c.scores().compliance()));
      }
      m.put("scoreFactor", c.control().baseScore());
      Map<String, Object> counters = new LinkedHashMap<>();
      counters.put("passedResources", c.count(Status.PASSED));
      counters.put("failedResources", c.count(Status.FAILED));
      counters.put("excludedResources", c.count(Status.EXCEPTED));
      m.put("ResourceCounters", counters);
      controls.put(c.control().id(), m);
    }
    s.put("controls", controls);
    return s;
  }

  /**
   * The controls that looked at one resource; nothing when none did. A passed control's entry is
   * the same for every resource, so it is rendered once per scan ({@code passed}).
   */
  private static void result(
      ScanReport report, SerializableString[] passed, int index, String id, JsonGenerator g) {
    boolean started = false;
    List<ControlResult> controls = report.controls();
    for (int k = 0; k < controls.size(); k++) {
      ControlResult cr = controls.get(k);
      Status status = cr.status(index);
      if (status == null) {
        continue;
      }
      if (!started) {
        g.writeStartObject();
        g.writeStringProperty("resourceID", id);
        g.writeArrayPropertyStart("controls");
        started = true;
      }
      if (status == Status.PASSED) {
        g.writeRawValue(passed[k]);
      } else {
        control(cr, status, id, g);
      }
    }
    if (started) {
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static SerializableString[] passedEntries(List<ControlResult> controls) {
    SerializableString[] out = new SerializableString[controls.size()];
    for (int k = 0; k < out.length; k++) {
      ControlResult cr = controls.get(k);
      out[k] = StreamingJson.rendered(g -> control(cr, Status.PASSED, "", g));
    }
    return out;
  }

  private static void control(ControlResult cr, Status status, String id, JsonGenerator g) {
    g.writeStartObject();
    g.writeStringProperty("controlID", cr.control().id());
    g.writeStringProperty("name", cr.control().name());
    g.writeStringProperty("severity", cr.control().severity());
    g.writeName("status");
    StreamingJson.value(status(status), g);
    String exception = cr.exceptions().get(id);
    if (exception != null) {
      g.writeArrayPropertyStart("exceptions");
      g.writeStartObject();
      g.writeStringProperty("name", exception);
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeArrayPropertyStart("rules");
    rules(cr, status, status == Status.PASSED ? List.of() : cr.findings().get(id), g);
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void rules(
      ControlResult cr, Status status, List<Finding> findings, JsonGenerator g) {
    if (findings == null || findings.isEmpty()) {
      for (String name : cr.control().rules()) {
        g.writeStartObject();
        g.writeStringProperty("name", name);
        g.writeStringProperty("status", status.wire());
        g.writeArrayPropertyStart("paths");
        g.writeEndArray();
        g.writeEndObject();
      }
      return;
    }
    ResourceResults.byRule(findings).forEach((name, fs) -> rule(name, status, fs, g));
  }

  private static void rule(String name, Status status, List<Finding> findings, JsonGenerator g) {
    g.writeStartObject();
    g.writeStringProperty("name", name);
    g.writeStringProperty("status", status.wire());
    g.writeStringProperty("subStatus", status.subStatus());
    g.writeArrayPropertyStart("paths");
    for (Finding f : findings) {
      for (Map<String, Object> p : ResourceResults.paths(f)) {
        StreamingJson.value(p, g);
      }
    }
    g.writeEndArray();
    g.writeArrayPropertyStart("messages");
    for (Finding f : findings) {
      g.writeString(f.message());
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static Map<String, Object> status(Status s) {
    return status(s, "");
  }

  /** Kubescape's statusInfo: {@code {status, subStatus, info}}, info saying why it was skipped. */
  private static Map<String, Object> status(Status s, String info) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", s.wire());
    if (!s.subStatus().isEmpty()) {
      m.put("subStatus", s.subStatus());
    }
    if (!info.isEmpty()) {
      m.put("info", info);
    }
    return m;
  }

  static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }
}
