package io.kso.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A websocket client written by hand on a plain socket, for what a well-behaved client library
 * would not do: read nothing at all (a slow consumer), never answer pings (a dead peer), or look at
 * the HTTP answer to a refused handshake.
 */
public final class RawSocketLeaf implements AutoCloseable {
  private final Socket socket;
  private final int status;

  private RawSocketLeaf(Socket socket, int status) {
    this.socket = socket;
    this.status = status;
  }

  /**
   * Sends the upgrade request and reads the response head (not its body).
   *
   * @param receiveBuffer the socket's receive buffer, small to make a slow reader
   */
  public static RawSocketLeaf open(
      int port, String pathAndQuery, Map<String, String> headers, int receiveBuffer) {
    return open(port, "GET", pathAndQuery, headers, receiveBuffer);
  }

  public static RawSocketLeaf open(
      int port,
      String method,
      String pathAndQuery,
      Map<String, String> headers,
      int receiveBuffer) {
    try {
      Socket socket = new Socket();
      socket.setReceiveBufferSize(receiveBuffer);
      socket.setSoTimeout(10_000);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      StringBuilder request = new StringBuilder();
      request.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
      request.append("Host: 127.0.0.1:").append(port).append("\r\n");
      request.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
      request.append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
      request.append("Sec-WebSocket-Version: 13\r\n");
      headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      request.append("\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String head = readHead(socket.getInputStream());
      int status = Integer.parseInt(head.split(" ", 3)[1]);
      return new RawSocketLeaf(socket, status);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before the response head ended: " + head);
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** The HTTP status of the handshake answer: 101 when upgraded. */
  public int status() {
    return status;
  }

  /**
   * Reads until the gateway closes the connection (answering nothing, so pings go unanswered).
   *
   * @return true when the connection was closed by the other side, false when it stayed open for
   *     the socket's 10 s read timeout
   */
  public boolean drainUntilClosed() {
    try {
      byte[] buffer = new byte[8192];
      while (socket.getInputStream().read(buffer) >= 0) {
        // discard
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the peer
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
