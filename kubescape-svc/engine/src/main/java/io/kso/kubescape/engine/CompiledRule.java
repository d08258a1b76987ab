package io.kso.kubescape.engine;

import dev.cel.runtime.CelRuntime;
import io.kso.kubescape.bundle.RuleSpec;
import java.util.HashSet;
import java.util.Set;

/** A rule ready to evaluate. */
public final class CompiledRule {
  private final RuleSpec spec;
  private final CelRuntime.Program program;
  private final Set<String> kinds;

  CompiledRule(RuleSpec spec, CelRuntime.Program program) {
    this.spec = spec;
    this.program = program;
    this.kinds = new HashSet<>(spec.kinds());
  }

  public RuleSpec spec() {
    return spec;
  }

  CelRuntime.Program program() {
    return program;
  }

  public boolean matches(Resource r) {
    return kinds.isEmpty() || kinds.contains(r.kind());
  }
}
