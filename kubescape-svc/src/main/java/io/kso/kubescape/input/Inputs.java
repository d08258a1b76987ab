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

  public Inputs plus(Inputs other) {
    List<Resource> r = new ArrayList<>(resources);
    r.addAll(other.resources);
    List<InputError> e = new ArrayList<>(errors);
    e.addAll(other.errors);
    return new Inputs(r, e);
  }
}
