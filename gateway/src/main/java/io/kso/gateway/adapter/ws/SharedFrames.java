package io.kso.gateway.adapter.ws;

import io.kso.gateway.relay.Notification;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A notification encoded once as a complete websocket binary frame (RFC 6455 §5.2: FIN, opcode 2,
 * server frames unmasked), shared by every receiver of a fan-out: each write gets a retained
 * duplicate of the same direct buffer, so a broadcast to ten thousand leaves neither copies nor
 * encodes the message ten thousand times. The frame goes to the socket as is, past the websocket
 * encoder, which only handles frame objects.
 */
final class SharedFrames {
  private final ByteBufAllocator allocator;
  private Notification current;
  private ByteBuf frame;

  SharedFrames(ByteBufAllocator allocator) {
    this.allocator = allocator;
  }

  /** A buffer for one write of this notification's frame; the writer releases it. */
  synchronized ByteBuf frameOf(Notification notification) {
    if (notification != current) {
      if (frame != null) {
        frame.release();
      }
      frame = encode(notification.body(), allocator);
      current = notification;
    }
    return frame.retainedDuplicate();
  }

  /** Drops the cached frame. */
  synchronized void clear() {
    if (frame != null) {
      frame.release();
      frame = null;
      current = null;
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
