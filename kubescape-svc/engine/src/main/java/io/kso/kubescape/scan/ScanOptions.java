package io.kso.kubescape.scan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to scan for, and what the scan could not see.
 *
 * @param frameworks framework names (empty with empty controls: every framework's controls)
 * @param controls control IDs, added to the frameworks' controls
 * @param inputs control inputs overriding the bundle's defaults, key by key
 * @param exceptions the exceptions (Kubescape's posture exception policies) to apply
 * @param unreadableKinds kinds that could not be read, by kind as rules name them ({@code Pod},
 *     {@code ClusterRoleBinding}) with the reason ({@code "pods: forbidden (403)"}): every control
 *     that needs one of them is skipped with that reason instead of passing over missing objects
 */
public record ScanOptions(
    List<String> frameworks,
    List<String> controls,
    Map<String, List<String>> inputs,
    List<PostureException> exceptions,
    Map<String, String> unreadableKinds) {

  public ScanOptions {
    frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
    controls = controls == null ? List.of() : List.copyOf(controls);
    inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    unreadableKinds =
        unreadableKinds == null
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(unreadableKinds));
  }

  /** Options over objects that could all be read. */
  public ScanOptions(
      List<String> frameworks,
      List<String> controls,
      Map<String, List<String>> inputs,
      List<PostureException> exceptions) {
    this(frameworks, controls, inputs, exceptions, Map.of());
  }

  public static ScanOptions allFrameworks() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    return builder()
        .frameworks(frameworks)
        .controls(controls)
        .inputs(inputs)
        .exceptions(exceptions)
        .unreadableKinds(unreadableKinds);
  }

  /** Builds {@link ScanOptions}; everything left unset is empty. */
  public static final class Builder {
    private List<String> frameworks = List.of();
    private List<String> controls = List.of();
    private Map<String, List<String>> inputs = Map.of();
    private List<PostureException> exceptions = List.of();
    private final Map<String, String> unreadableKinds = new LinkedHashMap<>();

    private Builder() {}

    public Builder frameworks(List<String> frameworks) {
      this.frameworks = new ArrayList<>(frameworks);
      return this;
    }

    public Builder controls(List<String> controls) {
      this.controls = new ArrayList<>(controls);
      return this;
    }

    public Builder inputs(Map<String, List<String>> inputs) {
      this.inputs = new LinkedHashMap<>(inputs);
      return this;
    }

    public Builder exceptions(List<PostureException> exceptions) {
      this.exceptions = new ArrayList<>(exceptions);
      return this;
    }

    /** Replaces the unreadable kinds (kind → reason). */
    public Builder unreadableKinds(Map<String, String> unreadableKinds) {
      this.unreadableKinds.clear();
      this.unreadableKinds.putAll(unreadableKinds);
      return this;
    }

    /** Adds one kind that could not be read, e.g. {@code ("Pod", "pods: forbidden (403)")}. */
    public Builder unreadableKind(String kind, String reason) {
      unreadableKinds.put(kind, reason);
      return this;
    }

    public ScanOptions build() {
      return new ScanOptions(frameworks, controls, inputs, exceptions, unreadableKinds);
    }
  }
}
