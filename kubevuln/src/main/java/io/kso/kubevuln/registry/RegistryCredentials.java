package io.kso.kubevuln.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password (or identity token) for one registry. Never printed. */
public record RegistryCredentials(String username, String password) {
  public String basicHeader() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "RegistryCredentials[username=" + username + ", password=****]";
  }
}
