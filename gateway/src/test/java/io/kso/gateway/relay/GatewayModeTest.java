package io.kso.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.gateway.relay.GatewayMode.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayModeTest {

  @ParameterizedTest(name = "PARENT_URL=''{0}'', rootGatewayURL=''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "null                 | null                                   | MASTER     | ''",
        "''                   | ''                                     | MASTER     | ''",
        "'  '                 | ' '                                    | MASTER     | ''",
        "null                 | wss://master.example/v1/waitfornotification | IN_CLUSTER | wss://master.example/v1/waitfornotification",
        "ws://127.0.0.1:9001  | wss://master.example/v1/waitfornotification | IN_CLUSTER | ws://127.0.0.1:9001",
        "''                   | ws://127.0.0.1:9001                    | IN_CLUSTER | ws://127.0.0.1:9001",
      })
  void theParentUrlDecidesTheRole(
      String parentUrl, String rootGatewayUrl, Role role, String effective) {
    GatewayMode mode = GatewayMode.of(parentUrl, rootGatewayUrl);

    assertThat(mode.role()).isEqualTo(role);
    assertThat(mode.parentUrl()).isEqualTo(effective);
  }
}
