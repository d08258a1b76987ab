package io.kso.gateway.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The credentials between an in-cluster gateway and its master (the chart's {@code clientID} and
 * {@code secretKey}). The in-cluster side presents them; a master that has them configured refuses
 * every registration that does not present the same pair. With none configured, authentication is
 * off, as in the original.
 */
public record Credentials(String clientId, String secretKey) {
  public static final Credentials NONE = new Credentials("", "");

  public Credentials {
    clientId = clientId == null ? "" : clientId.strip();
    secretKey = secretKey == null ? "" : secretKey.strip();
  }

  public boolean configured() {
    return !clientId.isEmpty() || !secretKey.isEmpty();
  }

  /** Compares in constant time, so the time taken tells nothing about how much was right. */
  public boolean accepts(String presentedClientId, String presentedSecretKey) {
    boolean clientOk = same(clientId, presentedClientId);
    boolean secretOk = same(secretKey, presentedSecretKey);
    return clientOk & secretOk;
  }

  private static boolean same(String expected, String presented) {
    byte[] a = expected.getBytes(StandardCharsets.UTF_8);
    byte[] b = (presented == null ? "" : presented.strip()).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(a, b);
  }

  @Override
  public String toString() {
    return "Credentials[clientId="
        + clientId
        + ", secretKey="
        + (secretKey.isEmpty() ? "" : "***")
        + "]";
  }
}
