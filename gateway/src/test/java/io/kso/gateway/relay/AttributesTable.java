package io.kso.gateway.relay;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The matching table of the reference (kubescape-interfaces.md §1.5), plus the edge cases of the
 * rule: connection attributes, target, delivered or not.
 */
public final class AttributesTable {
  public static final Map<String, String> OPERATOR =
      Map.of(
          "customerGUID", "A", "clusterName", "c1", "clusterComponent", "InClusterTriggerHandler");

  private AttributesTable() {}

  public static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of(
            "full target with dest",
            OPERATOR,
            Map.of(
                "customerGUID", "A",
                "clusterName", "c1",
                "clusterComponent", "InClusterTriggerHandler",
                "dest", "trigger"),
            true),
        Arguments.of("customer only: broadcast", OPERATOR, Map.of("customerGUID", "A"), true),
        Arguments.of(
            "conflicting cluster",
            OPERATOR,
            Map.of("customerGUID", "A", "clusterName", "c2"),
            false),
        Arguments.of("no shared key", OPERATOR, Map.of("dest", "trigger"), false),
        Arguments.of(
            "edge registration at the root",
            Map.of("customerGUID", "A"),
            Map.of("customerGUID", "A", "clusterName", "c1", "clusterComponent", "x"),
            true),
        Arguments.of("values are case-sensitive", OPERATOR, Map.of("customerGUID", "a"), false),
        Arguments.of("keys are case-sensitive", OPERATOR, Map.of("customerguid", "A"), false));
  }
}
