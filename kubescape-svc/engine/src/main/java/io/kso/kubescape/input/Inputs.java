package io.kso.kubescape.input;

import io.kso.kubescape.engine.Resource;
import java.util.ArrayList;
import java.util.List;

/** What was read: the objects, and the inputs that could not be read. */
public record Inputs(List<Resource> resources, List<InputError> errors) {
  public Inputs {
    resources = List.copyOf(resources);
    errors = List.copyOf(errors);
  }

  /** The resources and errors of every part, in order. */
  public static Inputs concat(List<Inputs> parts) {
    List<Resource> r = new ArrayList<>();
    List<InputError> e = new ArrayList<>();
    for (Inputs p : parts) {
      r.addAll(p.resources);
      e.addAll(p.errors);
    }
    return new Inputs(r, e);
  }
}
