package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A posture scan request: the body of kubescape-svc {@code POST /v1/scan} and {@code args.scanV1}
 * of the operator's kubescape commands. Unset booleans stay {@code null} so that service defaults
 * apply. The access key is never printed by {@link #toString()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostScanRequest(
    @JsonProperty("format") String format,
    @JsonProperty("account") String account,
    @JsonProperty("accessKey") String accessKey,
    @JsonProperty("failThreshold") Double failThreshold,
    @JsonProperty("excludedNamespaces") List<String> excludedNamespaces,
    @JsonProperty("includeNamespaces") List<String> includeNamespaces,
    @JsonProperty("targetType") String targetType,
    @JsonProperty("targetNames") List<String> targetNames,
    @JsonProperty("submit") Boolean submit,
    @JsonProperty("hostScanner") Boolean hostScanner,
    @JsonProperty("keepLocal") Boolean keepLocal,
    @JsonProperty("useCachedArtifacts") Boolean useCachedArtifacts,
    @JsonProperty("scanObject") Map<String, Object> scanObject,
    @JsonProperty("isDeletedScanObject") Boolean deletedScanObject,
    @JsonProperty("exceptions") List<Map<String, Object>> exceptions) {

  @Override
  public String toString() {
    return ("PostScanRequest[targetType=%s, targetNames=%s, submit=%s, hostScanner=%s,"
            + " keepLocal=%s, format=%s, account=%s, accessKey=%s]")
        .formatted(
            targetType,
            targetNames,
            submit,
            hostScanner,
            keepLocal,
            format,
            account,
            Redaction.mask(accessKey));
  }
}
