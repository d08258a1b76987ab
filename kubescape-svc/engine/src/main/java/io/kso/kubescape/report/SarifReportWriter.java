package io.kso.kubescape.report;

import io.kso.kubescape.engine.Finding;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.input.InputError;
import io.kso.kubescape.scan.ControlResult;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Status;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * SARIF 2.1.0: one reportingDescriptor per evaluated control, one result per failed resource. The
 * run's invocation says what kept it from being complete, as tool execution notifications: inputs
 * that could not be read and a scan that scanned nothing (errors, and then the execution was not
 * successful), and each skipped control with the reason (warnings).
 */
public final class SarifReportWriter {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private SarifReportWriter() {}

  public static void write(ScanReport report, Writer out) {
    write(report, List.of(), out);
  }

  public static void write(ScanReport report, List<InputError> inputErrors, Writer out) {
    JSON.writeValue(out, document(report, inputErrors));
  }

  static Map<String, Object> document(ScanReport report, List<InputError> inputErrors) {
    List<Object> rules = new ArrayList<>();
    List<Object> results = new ArrayList<>();
    List<Object> notifications = new ArrayList<>();
    for (InputError e : inputErrors) {
      Map<String, Object> n = notification("error", "could not read " + e);
      Map<String, Object> physical = new LinkedHashMap<>();
      physical.put("artifactLocation", Map.of("uri", e.source()));
      if (e.line() > 0) {
        physical.put("region", Map.of("startLine", e.line()));
      }
      n.put("locations", List.of(Map.of("physicalLocation", physical)));
      notifications.add(n);
    }
    if (!report.scanned()) {
      notifications.add(notification("error", report.skipReason()));
    }
    for (ControlResult c : report.controls()) {
      if (c.status() == Status.SKIPPED) {
        Map<String, Object> n =
            notification(
                "warning",
                c.control().id() + " " + c.control().name() + " skipped: " + c.skipReason());
        n.put("associatedRule", Map.of("id", c.control().id()));
        notifications.add(n);
        continue;
      }
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("id", c.control().id());
      rule.put("name", c.control().name().replaceAll("[^A-Za-z0-9]+", ""));
      rule.put("shortDescription", Map.of("text", c.control().name()));
      rule.put(
          "help",
          Map.of(
              "text",
              c.control().remediation().isBlank()
                  ? "See control " + c.control().id()
                  : c.control().remediation().strip()));
      rule.put("defaultConfiguration", Map.of("level", level(c.control().severity())));
      rule.put(
          "properties",
          Map.of("severity", c.control().severity(), "baseScore", c.control().baseScore()));
      rules.add(rule);
      c.notPassed()
          .forEach(
              (id, status) -> {
                if (status == Status.FAILED) {
                  results.add(result(report, c, id));
                }
              });
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "kubescape-svc");
    driver.put("informationUri", "https://github.com/kubescape/regolibrary");
    driver.put("rules", rules);
    Map<String, Object> invocation = new LinkedHashMap<>();
    invocation.put("executionSuccessful", report.scanned() && inputErrors.isEmpty());
    invocation.put("toolExecutionNotifications", notifications);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("invocations", List.of(invocation));
    run.put("results", results);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    doc.put("version", "2.1.0");
    doc.put("runs", List.of(run));
    return doc;
  }

  private static Map<String, Object> notification(String level, String text) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("level", level);
    n.put("message", Map.of("text", text));
    return n;
  }

  private static Map<String, Object> result(ScanReport report, ControlResult c, String id) {
    int index = report.resources().indexOf(id);
    Resource r = index < 0 ? null : report.resources().get(index);
    List<String> paths = new ArrayList<>();
    for (Finding f : c.findings().getOrDefault(id, List.of())) {
      ResourceResults.paths(f).forEach(p -> paths.add(p.toString()));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ruleId", c.control().id());
    m.put("level", level(c.control().severity()));
    m.put(
        "message",
        Map.of(
            "text",
            c.control().name()
                + ": "
                + id
                + (paths.isEmpty() ? "" : " " + String.join(", ", paths))));
    String source = r == null ? "" : r.source();
    int colon = source.lastIndexOf(':');
    String file =
        colon > 0 && source.substring(colon + 1).matches("\\d+")
            ? source.substring(0, colon)
            : source;
    int line =
        colon > 0 && source.substring(colon + 1).matches("\\d+")
            ? Integer.parseInt(source.substring(colon + 1))
            : 1;
    Map<String, Object> physical = new LinkedHashMap<>();
    physical.put("artifactLocation", Map.of("uri", file.isEmpty() ? id : file));
    physical.put("region", Map.of("startLine", Math.max(1, line)));
    m.put("locations", List.of(Map.of("physicalLocation", physical)));
    m.put("properties", Map.of("resourceID", id));
    return m;
  }

  static String level(String severity) {
    return switch (severity) {
      case "Critical", "High" -> "error";
      case "Medium" -> "warning";
      default -> "note";
    };
  }
}
