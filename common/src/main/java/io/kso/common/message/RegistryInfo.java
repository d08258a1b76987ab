package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code args["registryInfo-v1"]} of the registry commands: which registry to scan and how to log
 * in. Secrets are never printed by {@link #toString()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RegistryInfo(
    @JsonProperty("registryName") String registryName,
    @JsonProperty("registryProvider") String registryProvider,
    @JsonProperty("registryToken") String registryToken,
    @JsonProperty("depth") Integer depth,
    @JsonProperty("include") List<String> include,
    @JsonProperty("exclude") List<String> exclude,
    @JsonProperty("kind") String kind,
    @JsonProperty("isHTTPS") Boolean https,
    @JsonProperty("skipTLSVerify") Boolean skipTlsVerify,
    @JsonProperty("authMethod") AuthMethod authMethod,
    @JsonProperty("secretName") String secretName) {

  public RegistryInfo {
    include = include == null ? List.of() : List.copyOf(include);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
  }

  /** How to authenticate: {@code type} is {@code public}, {@code private}, {@code accesstoken}… */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record AuthMethod(
      @JsonProperty("username") String username,
      @JsonProperty("password") String password,
      @JsonProperty("type") String type) {
    @Override
    public String toString() {
      return "AuthMethod[type=%s, username=%s, password=%s]"
          .formatted(type, username, Redaction.mask(password));
    }
  }

  @Override
  public String toString() {
    return ("RegistryInfo[registryName=%s, provider=%s, kind=%s, depth=%s, isHTTPS=%s,"
            + " skipTLSVerify=%s, authMethod=%s, registryToken=%s, secretName=%s]")
        .formatted(
            registryName,
            registryProvider,
            kind,
            depth,
            https,
            skipTlsVerify,
            authMethod,
            Redaction.mask(registryToken),
            secretName);
  }
}
