package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Docker {@code AuthConfig}: registry credentials as the operator passes them to kubevuln. The
 * secret parts never appear in {@link #toString()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RegistryCredentials(
    @JsonProperty("username") String username,
    @JsonProperty("password") String password,
    @JsonProperty("auth") String auth,
    @JsonProperty("email") String email,
    @JsonProperty("serveraddress") String serverAddress,
    @JsonProperty("identitytoken") String identityToken,
    @JsonProperty("registrytoken") String registryToken) {

  @Override
  public String toString() {
    return "RegistryCredentials[serverAddress=%s, username=%s, secrets=%s]"
        .formatted(
            serverAddress, username, Redaction.mask(password, auth, identityToken, registryToken));
  }
}
