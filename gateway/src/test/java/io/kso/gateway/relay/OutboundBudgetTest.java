package io.kso.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboundBudgetTest {

  @Test
  void refusesTheMessageThatWouldExceedTheCount() {
    OutboundBudget budget = new OutboundBudget(2, 1000);

    assertThat(budget.admits(0, 0, 10)).isTrue();
    assertThat(budget.admits(1, 10, 10)).isTrue();
    assertThat(budget.admits(2, 20, 10)).isFalse();
  }

  @Test
  void refusesTheMessageThatWouldExceedTheBytes() {
    OutboundBudget budget = new OutboundBudget(100, 1000);

    assertThat(budget.admits(1, 600, 401)).isFalse();
    assertThat(budget.admits(1, 600, 400)).isTrue();
  }

  @Test
  void anEmptyQueueTakesTheLargestMessageAllowed() {
    OutboundBudget budget = new OutboundBudget(1, 1000);

    assertThat(budget.admits(0, 0, 1000)).isTrue();
    assertThat(budget.admits(0, 0, 1001)).isFalse();
  }
}
