package io.kso.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialsTest {
  private final Credentials credentials = new Credentials("client-1", "s3cret");

  @Test
  void acceptsOnlyTheSamePair() {
    assertThat(credentials.accepts("client-1", "s3cret")).isTrue();
    assertThat(credentials.accepts("client-1", "s3creT")).isFalse();
    assertThat(credentials.accepts("client-2", "s3cret")).isFalse();
    assertThat(credentials.accepts(null, null)).isFalse();
    assertThat(credentials.accepts("client-1", "s3cret-and-more")).isFalse();
  }

  @Test
  void blankCredentialsMeanAuthenticationIsOff() {
    assertThat(new Credentials(" ", null).configured()).isFalse();
    assertThat(Credentials.NONE.configured()).isFalse();
    assertThat(credentials.configured()).isTrue();
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(credentials.toString()).contains("client-1").doesNotContain("s3cret");
  }
}
