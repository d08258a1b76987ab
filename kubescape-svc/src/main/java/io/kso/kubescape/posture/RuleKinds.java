package io.kso.kubescape.posture;

import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.ControlSpec;
import io.kso.kubescape.bundle.FrameworkSpec;
import io.kso.kubescape.bundle.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kinds a scan must read: those the selected controls' rules see, taken from the bundle. A
 * prepared rule sees objects the engine builds (RBAC subjects, the API server's pod), so it needs
 * the kinds they are built from; a rule that names no kinds sees every kind the bundle knows.
 */
final class RuleKinds {
  private static final List<String> RBAC =
      List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

  private RuleKinds() {}

  static Set<String> of(Bundle bundle, ScanRequest request) {
    Set<String> out = new TreeSet<>();
    boolean everyKind = false;
    for (String ruleName : ruleNames(bundle, request)) {
      RuleSpec rule = bundle.rules().get(ruleName);
      if (rule == null) {
        continue;
      }
      switch (rule.prepare()) {
        case RBAC_SUBJECTS -> out.addAll(RBAC);
        case APISERVER_POD -> out.add("Pod");
        case NONE -> {
          if (rule.kinds().isEmpty()) {
            everyKind = true;
          }
          out.addAll(rule.kinds());
        }
      }
    }
    if (everyKind) {
      bundle.rules().values().stream()
          .filter(r -> r.prepare() == RuleSpec.Preparation.NONE)
          .forEach(r -> out.addAll(r.kinds()));
    }
    return out;
  }

  private static Set<String> ruleNames(Bundle bundle, ScanRequest request) {
    List<ControlSpec> controls = new ArrayList<>();
    List<String> frameworks =
        request.frameworks().isEmpty() && request.controls().isEmpty()
            ? List.copyOf(bundle.frameworks().keySet())
            : request.frameworks();
    for (String name : frameworks) {
      FrameworkSpec f = bundle.framework(name);
      if (f != null) {
        f.controls().stream().map(bundle.controls()::get).forEach(controls::add);
      }
    }
    request.controls().stream().map(bundle.controls()::get).forEach(controls::add);
    Set<String> out = new TreeSet<>();
    controls.stream().filter(c -> c != null).forEach(c -> out.addAll(c.rules()));
    return out;
  }
}
