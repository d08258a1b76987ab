package io.kso.kubescape.engine;

import com.google.common.collect.ImmutableMap;
import dev.cel.runtime.CelEvaluationException;
import io.kso.kubescape.bundle.RuleSpec;
import io.kso.kubescape.bundle.RuleSpec.Preparation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates compiled rules over the objects of one scan. Not thread-safe by itself: make one per
 * thread, or call {@link #evaluate} from one thread at a time per instance.
 */
public final class RuleEvaluator {
  private final Inventory inventory;
  private final Object inputs;
  private final Object data;
  private final Map<Preparation, List<Resource>> prepared = new EnumMap<>(Preparation.class);
  private final Map<Preparation, List<Map<String, Object>>> activations =
      new EnumMap<>(Preparation.class);

  /**
   * @param inputs {@code postureControlInputs}: name to list of strings
   * @param data {@code dataControlInputs}: name to string (e.g. cloudProvider)
   */
  public RuleEvaluator(
      Inventory inventory, Map<String, List<String>> inputs, Map<String, String> data) {
    this.inventory = inventory;
    this.inputs = Values.toCel(inputs);
    this.data = Values.toCel(data);
  }

  public Inventory inventory() {
    return inventory;
  }

  public RuleOutcome evaluate(CompiledRule rule) {
    RuleSpec spec = rule.spec();
    List<Resource> candidates = prepared(spec.prepare());
    List<Map<String, Object>> acts = activations(spec.prepare());
    List<Resource> evaluated = new ArrayList<>();
    List<Unique> findings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    RuleFunctions.bind(inventory);
    try {
      if (spec.scope() == RuleSpec.Scope.ALL) {
        List<Object> objects = new ArrayList<>();
        for (Resource r : candidates) {
          if (rule.matches(r)) {
            evaluated.add(r);
            objects.add(r.object());
          }
        }
        Map<String, Object> act = new HashMap<>(base());
        act.put("objects", objects);
        act.put("object", Map.of());
        run(rule, act, null, findings, errors);
      } else {
        for (int i : positions(spec.prepare(), spec.kinds(), candidates)) {
          Resource r = candidates.get(i);
          evaluated.add(r);
          run(rule, acts.get(i), r, findings, errors);
        }
      }
    } finally {
      RuleFunctions.unbind();
    }
    return new RuleOutcome(spec.name(), evaluated, dedupe(findings), errors);
  }

  private void run(
      CompiledRule rule,
      Map<String, Object> act,
      Resource subject,
      List<Unique> findings,
      List<String> errors) {
    try {
      Object out = rule.program().eval(act);
      for (Finding f : FindingReader.read(rule.spec().name(), out, subject)) {
        findings.add(Unique.of(f, subject));
      }
    } catch (CelEvaluationException | RuntimeException e) {
      String where = subject == null ? "" : subject.kind() + "/" + subject.name() + ": ";
      errors.add(where + e.getMessage());
    }
  }

  /** The findings without repeats, in order. */
  private static List<Finding> dedupe(List<Unique> findings) {
    Set<Unique> seen = new HashSet<>(findings.size() * 2);
    List<Finding> out = new ArrayList<>(findings.size());
    for (Unique u : findings) {
      if (seen.add(u)) {
        out.add(u.finding());
      }
    }
    return out;
  }

  /**
   * A finding with its hash computed once, taking the ID of the evaluated object from its resource
   * instead of building it again; equal as findings are.
   */
  private record Unique(Finding finding, int hash) {
    static Unique of(Finding f, Resource subject) {
      return new Unique(
          f,
          subject == null
              ? f.hashCode()
              : f.hashCode(o -> o == subject.object() ? subject.id() : Resource.idOf(o)));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Unique u && u.hash == hash && u.finding.equals(finding);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private synchronized List<Resource> prepared(Preparation p) {
    return prepared.computeIfAbsent(
        p,
        k -> {
          List<Resource> list = Preparations.prepare(k, inventory.resources());
          List<Map<String, Object>> acts = new ArrayList<>(list.size());
          for (Resource r : list) {
            acts.add(activation(r));
          }
          activations.put(k, acts);
          return list;
        });
  }

  private final Map<Preparation, Map<String, List<Integer>>> positionsByKind =
      new EnumMap<>(Preparation.class);

  /** Positions of the prepared resources of the given kinds (every one when kinds is empty). */
  private synchronized List<Integer> positions(
      Preparation p, List<String> kinds, List<Resource> candidates) {
    Map<String, List<Integer>> byKind =
        positionsByKind.computeIfAbsent(
            p,
            k -> {
              Map<String, List<Integer>> m = new HashMap<>();
              for (int i = 0; i < candidates.size(); i++) {
                m.computeIfAbsent(candidates.get(i).kind(), x -> new ArrayList<>()).add(i);
              }
              return m;
            });
    if (kinds.isEmpty()) {
      List<Integer> all = new ArrayList<>(candidates.size());
      for (int i = 0; i < candidates.size(); i++) {
        all.add(i);
      }
      return all;
    }
    if (kinds.size() == 1) {
      return byKind.getOrDefault(kinds.get(0), List.of());
    }
    List<Integer> out = new ArrayList<>();
    for (String k : kinds) {
      out.addAll(byKind.getOrDefault(k, List.of()));
    }
    out.sort(null);
    return out;
  }

  private synchronized List<Map<String, Object>> activations(Preparation p) {
    return activations.get(p);
  }

  private Map<String, Object> base() {
    Map<String, Object> m = new HashMap<>();
    m.put("inputs", inputs);
    m.put("data", data);
    m.put("objects", List.of());
    m.put("podSpec", Map.of());
    m.put("podMeta", Map.of());
    m.put("podPath", "");
    m.put("containers", List.of());
    return m;
  }

  /**
   * Every container of a pod spec with where it sits: {@code {container, path, type, index}}, type
   * being containers, initContainers or ephemeralContainers.
   */
  static List<Object> containers(Map<String, Object> spec, String podPath) {
    List<Object> out = new ArrayList<>();
    for (String type : List.of("containers", "initContainers", "ephemeralContainers")) {
      List<Object> list = K8s.list(spec.get(type));
      for (int i = 0; i < list.size(); i++) {
        Map<String, Object> c = new HashMap<>(4);
        c.put("container", list.get(i));
        c.put("path", podPath + "." + type + "[" + i + "]");
        c.put("type", type);
        c.put("index", (long) i);
        out.add(c);
      }
    }
    return out;
  }

  /** Immutable, so that CEL takes it as its activation without copying it per evaluation. */
  private Map<String, Object> activation(Resource r) {
    Map<String, Object> m = base();
    m.put("object", r.object());
    String path = K8s.podSpecPath(r.object());
    if (path != null) {
      Object spec = K8s.at(r.object(), path);
      Object meta = K8s.at(r.object(), path.substring(0, path.length() - 4) + "metadata");
      m.put("podSpec", spec instanceof Map<?, ?> ? spec : Map.of());
      m.put("podMeta", meta instanceof Map<?, ?> ? meta : Map.of());
      m.put("podPath", path);
      m.put("containers", containers(K8s.map(spec), path));
    }
    return ImmutableMap.copyOf(m);
  }
}
