package io.kso.kubescape.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One failure reported by a rule (Kubescape's "rule response").
 *
 * @param objects the objects that failed: usually one; empty for "check manually" findings
 * @param external true when the failed object is not a Kubernetes API object (an RBAC subject, host
 *     or cloud data): Kubescape's {@code externalObjects}
 * @param related other objects the finding points into, each with its own paths
 */
public record Finding(
    String rule,
    String message,
    List<Map<String, Object>> objects,
    boolean external,
    Paths paths,
    List<Related> related) {

  public Finding {
    objects = List.copyOf(objects);
    related = List.copyOf(related);
    message = message == null ? "" : message;
  }

  /**
   * Consistent with equals, but objects count by their resource ID rather than by their whole
   * content: findings are deduplicated in sets, and hashing every object deeply cost more than the
   * rule that found them.
   */
  @Override
  public int hashCode() {
    return hashCode(Resource::idOf);
  }

  /**
   * {@link #hashCode()} with the resource IDs of the objects given by {@code idOf}, which must
   * return what {@link Resource#idOf} does (e.g. from IDs computed before).
   */
  int hashCode(Function<Map<String, Object>, String> idOf) {
    int h = Objects.hash(rule, message, external, paths);
    for (Map<String, Object> o : objects) {
      h = 31 * h + idOf.apply(o).hashCode();
    }
    for (Related r : related) {
      h = 31 * h + idOf.apply(r.object()).hashCode() + r.paths().hashCode();
    }
    return h;
  }

  /** Kubescape's path lists, in its notation ({@code spec.containers[0].image}). */
  public record Paths(
      List<String> failed, List<String> review, List<String> delete, List<FixPath> fix) {
    public static final Paths NONE = new Paths(List.of(), List.of(), List.of(), List.of());

    public Paths {
      failed = List.copyOf(failed);
      review = List.copyOf(review);
      delete = List.copyOf(delete);
      fix = List.copyOf(fix);
    }

    public boolean isEmpty() {
      return failed.isEmpty() && review.isEmpty() && delete.isEmpty() && fix.isEmpty();
    }
  }

  public record FixPath(String path, String value) {}

  public record Related(Map<String, Object> object, Paths paths) {}
}
