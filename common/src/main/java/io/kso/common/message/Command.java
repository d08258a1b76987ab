package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One action for the operator: the element of {@code Commands.commands}, from {@code POST
 * /v1/triggerAction} or a gateway notification. Keys are matched case-insensitively, because the
 * chart-shipped bodies say {@code CommandName} and {@code WildWlid}.
 *
 * <p>{@code args} holds command-specific arguments (see {@link CommandArgs}) and may carry
 * credentials: {@link #toString()} prints only its keys.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Command(
    @JsonProperty("commandName") CommandName commandName,
    @JsonProperty("responseID") String responseId,
    @JsonProperty("designators") List<PortalDesignator> designators,
    @JsonProperty("wlid") String wlid,
    @JsonProperty("wildWlid") String wildWlid,
    @JsonProperty("sid") String sid,
    @JsonProperty("wildSid") String wildSid,
    @JsonProperty("jobTracking") @JsonInclude(JsonInclude.Include.ALWAYS) JobTracking jobTracking,
    @JsonProperty("args") Map<String, Object> args) {

  /** The token Go's {@code GetID()} returns when a command is scoped by designators. */
  public static final String DESIGNATORS_ID = "designators";

  public Command {
    designators = designators == null ? List.of() : List.copyOf(designators);
    jobTracking = jobTracking == null ? JobTracking.NONE : jobTracking;
    args =
        args == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  public static Command of(CommandName name) {
    return new Command(name, null, null, null, null, null, null, null, null);
  }

  public Command withArgs(Map<String, Object> newArgs) {
    return new Command(
        commandName, responseId, designators, wlid, wildWlid, sid, wildSid, jobTracking, newArgs);
  }

  public Command withWildWlid(String newWildWlid) {
    return new Command(
        commandName, responseId, designators, wlid, newWildWlid, sid, wildSid, jobTracking, args);
  }

  public Command withJobTracking(JobTracking tracking) {
    return new Command(
        commandName, responseId, designators, wlid, wildWlid, sid, wildSid, tracking, args);
  }

  /** The target this command addresses, with the precedence of the original {@code GetID()}. */
  public String id() {
    if (!designators.isEmpty()) {
      return DESIGNATORS_ID;
    }
    for (String candidate : new String[] {wildWlid, wildSid, wlid, sid}) {
      if (candidate != null && !candidate.isEmpty()) {
        return candidate;
      }
    }
    return "";
  }

  /** True when the command names a scope (many workloads) rather than one workload. */
  @JsonIgnore
  public boolean isScoped() {
    return !designators.isEmpty() || notEmpty(wildWlid) || notEmpty(wildSid);
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  @Override
  public String toString() {
    return "Command[commandName=%s, id=%s, jobTracking=%s, argKeys=%s]"
        .formatted(commandName, id(), jobTracking, args.keySet());
  }
}
