package io.kso.kubescape.harness;

import java.util.List;
import java.util.Map;

/**
 * One regolibrary test case: its rule, inputs, control inputs and normalised expectation.
 *
 * @param expected normalised failures; empty means "no failures"
 */
record OracleCase(
    String id,
    String rule,
    String dir,
    List<String> inputFiles,
    Map<String, List<String>> inputs,
    Map<String, String> data,
    List<Failure> expected) {

  /** A failure in comparable form. */
  record Failure(
      List<ObjectId> objects, List<String> paths, List<String> fixes, List<RelatedId> related) {
    @Override
    public String toString() {
      return "objects="
          + objects
          + " paths="
          + paths
          + " fix="
          + fixes
          + (related.isEmpty() ? "" : " related=" + related);
    }
  }

  /** kind/name, with the namespace when known (null = unknown, "" = none). */
  record ObjectId(String kind, String name, String namespace) {
    boolean matches(ObjectId o) {
      return kind.equals(o.kind)
          && name.equals(o.name)
          && (namespace == null || o.namespace == null || namespace.equals(o.namespace));
    }

    @Override
    public String toString() {
      return kind + "/" + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + name;
    }
  }

  record RelatedId(ObjectId object, List<String> paths, List<String> fixes) {}
}
