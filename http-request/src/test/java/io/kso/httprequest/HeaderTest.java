package io.kso.httprequest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderTest {
  @Test
  void splitsOnSemicolonsThenOnTheFirstColon() {
    assertThat(Header.parseAll("A:1;B: two : parts ;;C:"))
        .containsExactly(new Header("A", "1"), new Header("B", "two : parts"), new Header("C", ""));
  }

  @Test
  void anEmptySpecMeansNoHeaders() {
    assertThat(Header.parseAll("")).isEmpty();
    assertThat(Header.parseAll(" ; ")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Authorization",
        "Proxy-Authorization",
        "Cookie",
        "X-API-KEY",
        "x-auth-token",
        "Private-Token",
        "X-Client-Secret",
        "X-Registry-Password",
        "Session-Id"
      })
  void masksValuesOfHeadersThatMayCarrySecrets(String name) {
    assertThat(new Header(name, "v4lue")).hasToString(name + ": ***");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Content-Type", "Accept", "User-Agent", "X-Request-Id"})
  void showsValuesOfOrdinaryHeaders(String name) {
    assertThat(new Header(name, "v4lue")).hasToString(name + ": v4lue");
  }
}
