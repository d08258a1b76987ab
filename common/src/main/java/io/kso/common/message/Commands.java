package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Body of {@code POST /v1/triggerAction} and the notification carried to the operator. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record Commands(@JsonProperty("commands") List<Command> commands) {
  public Commands {
    commands = commands == null ? List.of() : List.copyOf(commands);
  }

  public static Commands of(Command... commands) {
    return new Commands(List.of(commands));
  }
}
