package io.kso.kubescape.scan;

import io.kso.kubescape.bundle.ControlSpec;
import io.kso.kubescape.engine.K8s;
import io.kso.kubescape.engine.Resource;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An exception in Kubescape's format: the controls it covers ({@code posturePolicies}: controlID,
 * controlName, frameworkName; none means every control) and the resources it covers ({@code
 * resources[].attributes}: kind, name, namespace; any other key is a label). Attribute values are
 * regular expressions matched against the whole value. Excepted results are reported as excepted.
 */
public record PostureException(
    String name, List<Map<String, String>> resources, List<Map<String, String>> policies) {

  public PostureException {
    resources = List.copyOf(resources);
    policies = List.copyOf(policies);
  }

  /** True when this exception covers the control (within the scanned frameworks). */
  public boolean coversControl(ControlSpec control, List<String> frameworks) {
    if (policies.isEmpty()) {
      return true;
    }
    for (Map<String, String> p : policies) {
      boolean ok = true;
      if (p.containsKey("controlID")) {
        ok &= p.get("controlID").equalsIgnoreCase(control.id());
      }
      if (p.containsKey("controlName")) {
        ok &= p.get("controlName").equalsIgnoreCase(control.name());
      }
      if (p.containsKey("frameworkName")) {
        ok &= frameworks.stream().anyMatch(f -> f.equalsIgnoreCase(p.get("frameworkName")));
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }

  /** True when this exception covers the resource. */
  public boolean coversResource(Resource r) {
    if (resources.isEmpty()) {
      return true;
    }
    for (Map<String, String> attrs : resources) {
      if (attrs.entrySet().stream().allMatch(e -> attribute(r, e.getKey(), e.getValue()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean attribute(Resource r, String key, String want) {
    String have =
        switch (key) {
          case "kind" -> r.kind();
          case "name" -> r.name();
          case "namespace" -> r.namespace();
          case "cluster" -> null;
          default -> {
            Object v = K8s.labels(r.object()).get(key);
            yield v == null ? "\u0000" : String.valueOf(v);
          }
        };
    return have == null || matches(want, have);
  }

  private static boolean matches(String pattern, String value) {
    if (pattern.equals(value)) {
      return true;
    }
    try {
      return Pattern.compile(pattern).matcher(value).matches();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }
}
