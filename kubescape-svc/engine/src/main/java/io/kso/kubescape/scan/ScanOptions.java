package io.kso.kubescape.scan;

import java.util.List;
import java.util.Map;

/**
 * What to scan for.
 *
 * @param frameworks framework names (empty with empty controls: every framework's controls)
 * @param controls control IDs, added to the frameworks' controls
 * @param inputs control inputs overriding the bundle's defaults, key by key
 */
public record ScanOptions(
    List<String> frameworks,
    List<String> controls,
    Map<String, List<String>> inputs,
    List<PostureException> exceptions) {

  public ScanOptions {
    frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
    controls = controls == null ? List.of() : List.copyOf(controls);
    inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
  }

  public static ScanOptions allFrameworks() {
    return new ScanOptions(List.of(), List.of(), Map.of(), List.of());
  }
}
