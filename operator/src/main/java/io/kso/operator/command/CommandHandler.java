package io.kso.operator.command;

import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import java.util.Set;

/** Carries out one kind of command. Runs on a worker, inside the command's job context. */
public interface CommandHandler {
  Set<CommandName> handles();

  void handle(Command command);
}
