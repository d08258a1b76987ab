package io.kso.kubescape.bundle;

import java.util.List;

/** A framework of the bundle ({@code frameworks/<name>.yaml}): a named list of control IDs. */
public record FrameworkSpec(
    String name, String version, String description, List<String> controls) {
  public FrameworkSpec {
    controls = controls == null ? List.of() : List.copyOf(controls);
    version = version == null ? "" : version;
    description = description == null ? "" : description;
  }
}
