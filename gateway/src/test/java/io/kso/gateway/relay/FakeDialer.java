package io.kso.gateway.relay;

import io.kso.gateway.relay.port.UpstreamDialer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every dial; the test plays the master by calling the dial's events. */
final class FakeDialer implements UpstreamDialer {
  /** One dial, and how this gateway closed it, if it did. */
  static final class Dial implements Connection {
    final Attributes attributes;
    final Events events;
    volatile CloseReason closedWith;

    Dial(Attributes attributes, Events events) {
      this.attributes = attributes;
      this.events = events;
    }

    @Override
    public void close(CloseReason reason, String detail) {
      closedWith = reason;
      events.disconnected(reason, detail);
    }
  }

  final List<Dial> dials = new CopyOnWriteArrayList<>();

  @Override
  public Connection dial(Attributes attributes, Events events) {
    Dial dial = new Dial(attributes, events);
    dials.add(dial);
    return dial;
  }

  Dial last() {
    return dials.get(dials.size() - 1);
  }
}
