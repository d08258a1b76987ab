package io.kso.gateway.relay;

import io.kso.gateway.relay.port.RelayMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what was counted, as strings such as {@code received:REST}. */
final class CountingMetrics implements RelayMetrics {
  final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void received(Source source) {
    events.add("received:" + source);
  }

  @Override
  public void rejected(Source source) {
    events.add("rejected:" + source);
  }

  @Override
  public void delivered(int count) {
    events.add("delivered:" + count);
  }

  @Override
  public void deliveryLatency(long receivedNanos) {
    events.add("latency");
  }

  @Override
  public void dropped(Drop reason) {
    events.add("dropped:" + reason);
  }

  @Override
  public void disconnected(Role role, CloseReason reason) {
    events.add("disconnected:" + role + ":" + reason);
  }
}
