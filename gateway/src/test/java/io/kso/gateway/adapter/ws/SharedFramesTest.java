package io.kso.gateway.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.gateway.relay.Notification;
import io.kso.gateway.relay.Source;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SharedFramesTest {

  /** What a client sees: Netty's own decoder, expecting unmasked frames from a server. */
  private static BinaryWebSocketFrame decode(ByteBuf frame) {
    EmbeddedChannel client =
        new EmbeddedChannel(
            new WebSocket13FrameDecoder(
                WebSocketDecoderConfig.newBuilder()
                    .expectMaskedFrames(false)
                    .maxFramePayloadLength(1 << 20)
                    .build()));
    client.writeInbound(frame);
    return client.readInbound();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 300_000})
  void encodesAServerBinaryFrameOfAnyLength(int length) {
    byte[] payload = new byte[length];
    Arrays.fill(payload, (byte) 'x');

    BinaryWebSocketFrame frame = decode(SharedFrames.encode(payload, ByteBufAllocator.DEFAULT));

    assertThat(frame.isFinalFragment()).isTrue();
    assertThat(ByteBufUtil.getBytes(frame.content())).isEqualTo(payload);
    frame.release();
  }

  @Test
  void encodesEachNotificationOnceAndHandsOutDuplicates() {
    SharedFrames frames = new SharedFrames(ByteBufAllocator.DEFAULT);
    Notification first =
        new Notification(new byte[] {1, 2, 3}, Map.of("a", "b"), false, Source.REST, 0);

    ByteBuf one = frames.frameOf(first);
    ByteBuf two = frames.frameOf(first);

    assertThat(one.unwrap()).isSameAs(two.unwrap());
    assertThat(ByteBufUtil.getBytes(one)).isEqualTo(new byte[] {(byte) 0x82, 3, 1, 2, 3});
    one.release();
    two.release();
    frames.clear();
  }
}
