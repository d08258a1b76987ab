package io.kso.gateway.adapter.ws;

import io.kso.gateway.relay.Notification;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A notification encoded once as a complete websocket binary frame (RFC 6455 §5.2: FIN, opcode 2,
 * server frames unmasked), shared by every receiver of a fan-out: each write gets a retained
 * duplicate of the same direct buffer, so a broadcast to ten thousand leaves neither copies nor
 * encodes the message ten thousand times. The frame goes to the socket as is, past the websocket
 * encoder, which only handles frame objects.
 *
 * <p>Each writing thread (an event loop) keeps its own copy of the current frame, so that the loops
 * of a fan-out neither wait for one another nor bounce one buffer's reference count between cores:
 * a notification is encoded once per loop.
 */
final class SharedFrames {
  private final ByteBufAllocator allocator;
  private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
  private final FastThreadLocal<Slot> local =
      new FastThreadLocal<>() {
        @Override
        protected Slot initialValue() {
          Slot slot = new Slot();
          slots.add(slot);
          return slot;
        }
      };

  SharedFrames(ByteBufAllocator allocator) {
    this.allocator = allocator;
  }

  /** A buffer for one write of this notification's frame; the writer releases it. */
  ByteBuf frameOf(Notification notification) {
    return local.get().frameOf(notification, allocator);
  }

  /** Drops the cached frames. */
  void clear() {
    slots.forEach(Slot::clear);
  }

  /** One thread's current frame. */
  private static final class Slot {
    private Notification current;
    private ByteBuf frame;

    synchronized ByteBuf frameOf(Notification notification, ByteBufAllocator allocator) {
      if (notification != current) {
        clear();
        frame = encode(notification.body(), allocator);
        current = notification;
      }
      return frame.retainedDuplicate();
    }

    synchronized void clear() {
      if (frame != null) {
        frame.release();
        frame = null;
        current = null;
      }
    }
  }

  static ByteBuf encode(byte[] payload, ByteBufAllocator allocator) {
    int length = payload.length;
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuf buf = allocator.directBuffer(header + length);
    buf.writeByte(0x82); // FIN + binary
    if (length < 126) {
      buf.writeByte(length);
    } else if (length <= 0xFFFF) {
      buf.writeByte(126);
      buf.writeShort(length);
    } else {
      buf.writeByte(127);
      buf.writeLong(length);
    }
    buf.writeBytes(payload);
    return buf;
  }
}
