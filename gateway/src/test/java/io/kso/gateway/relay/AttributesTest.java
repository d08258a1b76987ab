package io.kso.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AttributesTest {
  static final Map<String, String> OPERATOR =
      Map.of(
          "customerGUID", "A", "clusterName", "c1", "clusterComponent", "InClusterTriggerHandler");

  /** The table of the reference (§1.5), plus the edge cases of the rule. */
  static Stream<Arguments> matchingTable() {
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
        Arguments.of("keys are case-sensitive", OPERATOR, Map.of("customerguid", "A"), false),
        Arguments.of("empty values must agree too", Map.of("x", ""), Map.of("x", ""), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matchingTable")
  void deliversWhenTheSharedKeysAgreeAndAtLeastOneIsShared(
      String row, Map<String, String> connection, Map<String, String> target, boolean delivered) {
    assertThat(Attributes.of(connection).matches(target)).isEqualTo(delivered);
  }

  @Test
  void theUpstreamKeyIsTheCustomerAlone() {
    assertThat(Attributes.of(OPERATOR).upstreamKey())
        .isEqualTo(Attributes.of(Map.of("customerGUID", "A")));
  }

  @Test
  void withoutACustomerTheUpstreamKeyIsEveryAttribute() {
    Attributes leaf = Attributes.of(Map.of("clusterName", "c1", "x", "y"));

    assertThat(leaf.upstreamKey()).isEqualTo(leaf);
  }
}
