package io.kso.gateway.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many websocket clients on a few event loops (native io_uring or epoll when available), as lean as
 * a client can be and still check what it gets: the handshake is one hand-written request and a
 * check for {@code 101}; afterwards each connection walks the frame headers in the bytes it reads,
 * skips payloads without copying them, answers pings, and counts every complete data message, with
 * its length checked. No frame objects, no websocket codec, no allocation per message. It stands in
 * for thousands of remote operators, so that as little as possible of the shared CPUs goes to them.
 */
final class RawWebsocketClients implements AutoCloseable {
  /**
   * Called on a client's event loop for every complete data message of the expected length; with
   * several loops, from several threads.
   */
  interface Listener {
    void message();
  }

  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final int expectedLength;
  private final Listener listener;
  private final List<Client> clients = new ArrayList<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger wrongLength = new AtomicInteger();

  /** The transports the clients can run on, best first. */
  enum Transport {
    IO_URING,
    EPOLL,
    NIO;

    /** The one asked for, or (for {@code auto}) the best this machine supports. */
    static Transport of(String name) {
      if (!"auto".equals(name)) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
      }
      return IoUring.isAvailable() ? IO_URING : Epoll.isAvailable() ? EPOLL : NIO;
    }

    IoHandlerFactory handlers() {
      return switch (this) {
        case IO_URING -> IoUringIoHandler.newFactory();
        case EPOLL -> EpollIoHandler.newFactory();
        case NIO -> NioIoHandler.newFactory();
      };
    }

    Class<? extends Channel> channel() {
      return switch (this) {
        case IO_URING -> IoUringSocketChannel.class;
        case EPOLL -> EpollSocketChannel.class;
        case NIO -> NioSocketChannel.class;
      };
    }
  }

  private final Transport transport;

  RawWebsocketClients(
      Transport transport, int loops, int port, int expectedLength, Listener listener) {
    this.transport = transport;
    this.expectedLength = expectedLength;
    this.listener = listener;
    this.group = new MultiThreadIoEventLoopGroup(loops, transport.handlers());
    this.bootstrap =
        new Bootstrap()
            .group(group)
            .channel(transport.channel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(8192))
            .remoteAddress("127.0.0.1", port);
  }

  Transport transport() {
    return transport;
  }

  /** Connects one client and completes when its upgrade has been answered with 101. */
  CompletableFuture<Void> connect(String pathAndQuery) {
    Client client = new Client(pathAndQuery);
    synchronized (clients) {
      clients.add(client);
    }
    bootstrap
        .handler(client)
        .connect()
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                client.upgraded.completeExceptionally(f.cause());
              }
            });
    return client.upgraded;
  }

  int open() {
    return open.get();
  }

  int wrongLength() {
    return wrongLength.get();
  }

  /** How many upgraded clients have received fewer than {@code messages} complete messages. */
  int clientsShortOf(int messages) {
    synchronized (clients) {
      return (int)
          clients.stream().filter(c -> c.upgraded.isDone() && c.messages < messages).count();
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** One connection: the handshake, then a frame-header walk over the bytes as they arrive. */
  private final class Client extends ChannelInboundHandlerAdapter {
    private final String pathAndQuery;
    private final CompletableFuture<Void> upgraded = new CompletableFuture<>();
    private final StringBuilder response = new StringBuilder();
    // Frame state, only on the event loop.
    private final byte[] header = new byte[14];
    private int headerRead;
    private long payloadLeft;
    private long messageLength;
    private int opcode;
    private boolean fin;
    private final byte[] control = new byte[125];
    private int controlRead;
    private volatile int messages;
    private Channel channel;

    Client(String pathAndQuery) {
      this.pathAndQuery = pathAndQuery;
    }

    @Override
    public boolean isSharable() {
      return false;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      String request =
          "GET "
              + pathAndQuery
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
      ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (upgraded.isDone() && !upgraded.isCompletedExceptionally()) {
        open.decrementAndGet();
      }
      upgraded.completeExceptionally(new IllegalStateException("closed before the upgrade"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      upgraded.completeExceptionally(cause);
      ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      try {
        if (!upgraded.isDone() && !readResponse(ctx, in)) {
          return;
        }
        while (in.isReadable()) {
          readFrames(in);
        }
      } finally {
        ReferenceCountUtil.release(in);
      }
    }

    /** {@code true} once the whole response head is read (the rest of {@code in} is frames). */
    private boolean readResponse(ChannelHandlerContext ctx, ByteBuf in) {
      while (in.isReadable()) {
        response.append((char) in.readByte());
        int n = response.length();
        if (n >= 4 && response.charAt(n - 1) == '\n' && response.indexOf("\r\n\r\n") == n - 4) {
          if (response.indexOf("HTTP/1.1 101") == 0) {
            open.incrementAndGet();
            upgraded.complete(null);
            return true;
          }
          upgraded.completeExceptionally(
              new IllegalStateException(response.substring(0, response.indexOf("\r\n"))));
          ctx.close();
          return false;
        }
      }
      return false;
    }

    private void readFrames(ByteBuf in) {
      if (payloadLeft == 0 && (!readHeader(in) || payloadLeft == 0)) {
        return; // header incomplete, or an empty frame, done already
      }
      int take = (int) Math.min(payloadLeft, in.readableBytes());
      if (opcode >= 8) {
        in.readBytes(control, controlRead, take);
        controlRead += take;
      } else {
        in.skipBytes(take);
      }
      payloadLeft -= take;
      if (payloadLeft == 0) {
        frameDone();
      }
    }

    /** Reads as much of a frame header as there is; {@code true} when complete. */
    private boolean readHeader(ByteBuf in) {
      while (in.isReadable()) {
        header[headerRead++] = in.readByte();
        int needed = headerLength();
        if (headerRead == needed) {
          startFrame(needed);
          return true;
        }
      }
      return false;
    }

    private int headerLength() {
      if (headerRead < 2) {
        return 2;
      }
      int len = header[1] & 0x7F;
      return len < 126 ? 2 : len == 126 ? 4 : 10;
    }

    private void startFrame(int headerLength) {
      int len = header[1] & 0x7F;
      long length = len;
      if (headerLength == 4) {
        length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
      } else if (headerLength == 10) {
        length = 0;
        for (int i = 2; i < 10; i++) {
          length = (length << 8) | (header[i] & 0xFF);
        }
      }
      fin = (header[0] & 0x80) != 0;
      opcode = header[0] & 0x0F; // 0 continues a data message, 1 and 2 start one, 8+ control
      if (opcode == 1 || opcode == 2) {
        messageLength = 0;
      }
      if (opcode < 8) {
        messageLength += length;
      }
      controlRead = 0;
      headerRead = 0;
      payloadLeft = length;
      if (length == 0) {
        frameDone();
      }
    }

    private void frameDone() {
      if (opcode == 9) {
        pong();
      } else if (opcode < 8 && fin) {
        if (messageLength == expectedLength) {
          messages++;
          listener.message();
        } else {
          wrongLength.incrementAndGet();
        }
      }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      channel = ctx.channel();
    }

    /** Answers a ping with a pong carrying the same bytes, masked with a zero key. */
    private void pong() {
      ByteBuf frame = channel.alloc().buffer(6 + controlRead);
      frame.writeByte(0x8A).writeByte(0x80 | controlRead).writeInt(0);
      frame.writeBytes(control, 0, controlRead);
      channel.writeAndFlush(frame, channel.voidPromise());
    }
  }
}
