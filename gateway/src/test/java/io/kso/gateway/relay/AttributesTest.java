package io.kso.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AttributesTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.kso.gateway.relay.AttributesTable#rows")
  void deliversWhenTheSharedKeysAgreeAndAtLeastOneIsShared(
      String row, Map<String, String> connection, Map<String, String> target, boolean delivered) {
    assertThat(Attributes.of(connection).matches(target)).isEqualTo(delivered);
  }

  @Test
  void emptyValuesMustAgreeToo() {
    assertThat(Attributes.of(Map.of("x", "")).matches(Map.of("x", ""))).isTrue();
    assertThat(Attributes.of(Map.of("x", "")).matches(Map.of("x", "y"))).isFalse();
  }

  @Test
  void theUpstreamKeyIsTheCustomerAlone() {
    assertThat(Attributes.of(AttributesTable.OPERATOR).upstreamKey())
        .isEqualTo(Attributes.of(Map.of("customerGUID", "A")));
  }

  @Test
  void withoutACustomerTheUpstreamKeyIsEveryAttribute() {
    Attributes leaf = Attributes.of(Map.of("clusterName", "c1", "x", "y"));

    assertThat(leaf.upstreamKey()).isEqualTo(leaf);
  }
}
