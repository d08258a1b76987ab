package io.kso.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Shared test data and free ports. */
public final class Fixtures {
  /** The customer and cluster of the golden samples in common's test resources. */
  public static final String CUSTOMER = "b5b2c1d0-1111-4222-8333-944455556666";

  private Fixtures() {}

  /** A golden wire sample of common's test-jar, as bytes, exactly as stored. */
  public static byte[] sample(String name) {
    try (InputStream in =
        Fixtures.class.getClassLoader().getResourceAsStream("messages/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("no sample messages/" + name + ".json on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port free right now on 127.0.0.1, for a server that must come back on the same port. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cluster configuration of an in-cluster gateway whose master is at that URL. */
  public static String inClusterConfig(String rootGatewayUrl) {
    return "{\"clusterName\":\"minikube\",\"accountID\":\""
        + CUSTOMER
        + "\",\"rootGatewayURL\":\""
        + rootGatewayUrl
        + "\"}";
  }
}
