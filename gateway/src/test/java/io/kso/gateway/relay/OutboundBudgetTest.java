package io.kso.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboundBudgetTest {

  @Test
  void refusesTheMessageThatWouldExceedTheCount() {
    OutboundBudget budget = new OutboundBudget(2, 1000);

    assertThat(budget.tryAcquire(10)).isTrue();
    assertThat(budget.tryAcquire(10)).isTrue();
    assertThat(budget.tryAcquire(10)).isFalse();
    assertThat(budget.queuedMessages()).isEqualTo(2);
  }

  @Test
  void refusesTheMessageThatWouldExceedTheBytes() {
    OutboundBudget budget = new OutboundBudget(100, 1000);

    assertThat(budget.tryAcquire(600)).isTrue();
    assertThat(budget.tryAcquire(401)).isFalse();
    assertThat(budget.tryAcquire(400)).isTrue();
    assertThat(budget.queuedBytes()).isEqualTo(1000);
  }

  @Test
  void writtenMessagesGiveTheirRoomBack() {
    OutboundBudget budget = new OutboundBudget(1, 1000);
    budget.tryAcquire(1000);

    budget.release(1000);

    assertThat(budget.tryAcquire(1000)).isTrue();
  }
}
