package io.kso.kubescape.scan;

import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.ControlSpec;
import io.kso.kubescape.bundle.FrameworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** Which controls and frameworks a scan covers. */
final class ControlSelection {
  private ControlSelection() {}

  static List<String> frameworkNames(Bundle bundle, ScanOptions options) {
    if (!options.frameworks().isEmpty()) {
      List<String> out = new ArrayList<>();
      for (String f : options.frameworks()) {
        FrameworkSpec fw = bundle.framework(f);
        if (fw == null) {
          throw new IllegalArgumentException("unknown framework: " + f);
        }
        out.add(fw.name());
      }
      return out;
    }
    return options.controls().isEmpty()
        ? new ArrayList<>(new TreeMap<>(bundle.frameworks()).keySet())
        : List.of();
  }

  static List<ControlSpec> select(Bundle bundle, ScanOptions options) {
    Set<String> ids = new java.util.TreeSet<>();
    for (String f : frameworkNames(bundle, options)) {
      ids.addAll(bundle.framework(f).controls());
    }
    for (String id : options.controls()) {
      if (!bundle.controls().containsKey(id)) {
        throw new IllegalArgumentException("unknown control: " + id);
      }
      ids.add(id);
    }
    List<ControlSpec> out = new ArrayList<>();
    ids.stream().map(bundle.controls()::get).filter(java.util.Objects::nonNull).forEach(out::add);
    return out;
  }
}
