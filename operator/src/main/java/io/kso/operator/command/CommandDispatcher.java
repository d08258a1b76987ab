package io.kso.operator.command;

import io.kso.common.concurrent.Daemons;
import io.kso.common.job.JobContext;
import io.kso.common.message.Command;
import io.kso.common.message.CommandName;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs accepted commands on a fixed number of workers with a bounded queue. Each command runs in
 * its own job context: its {@code jobTracking.jobID} (or a new id) and {@code parentAction}.
 */
public final class CommandDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

  private final Map<CommandName, CommandHandler> handlers = new EnumMap<>(CommandName.class);
  private final ThreadPoolExecutor workers;
  private final JobStatus status;

  public CommandDispatcher(List<CommandHandler> handlers, int workers, int queueCapacity) {
    this(handlers, workers, queueCapacity, JobStatus.NONE);
  }

  public CommandDispatcher(
      List<CommandHandler> handlers, int workers, int queueCapacity, JobStatus status) {
    this.status = status;
    handlers.forEach(h -> h.handles().forEach(name -> this.handlers.put(name, h)));
    this.workers =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            Daemons.named("command-worker"));
  }

  /** Queues every command, or none when the queue cannot take them all. */
  public synchronized void submit(List<Command> commands) {
    if (workers.getQueue().remainingCapacity() < commands.size()) {
      throw new CommandException(
          CommandException.Reason.OVERLOADED,
          "the operator is busy: " + workers.getQueue().size() + " commands are waiting");
    }
    commands.forEach(command -> workers.execute(() -> run(command)));
  }

  private void run(Command command) {
    try (JobContext job =
        JobContext.open(command.jobTracking().jobId(), command.jobTracking().parentId())) {
      Command tracked = command.withJobTracking(tracking(command, job));
      CommandHandler handler = handlers.get(command.commandName());
      status.started(tracked);
      if (handler == null) {
        log.atWarn()
            .addKeyValue("command", command.commandName())
            .log("no handler for this command");
        status.failed(tracked, "command " + command.commandName() + " is not handled");
        return;
      }
      log.atInfo()
          .addKeyValue("command", command.commandName())
          .addKeyValue("target", command.id())
          .log("command started");
      try {
        handler.handle(tracked);
        log.atInfo().addKeyValue("command", command.commandName()).log("command done");
        status.done(tracked);
      } catch (RuntimeException e) {
        log.atError()
            .addKeyValue("command", command.commandName())
            .setCause(e)
            .log("command failed");
        status.failed(tracked, e.getMessage());
      }
    }
  }

  private static io.kso.common.message.JobTracking tracking(Command command, JobContext job) {
    var given = command.jobTracking();
    return new io.kso.common.message.JobTracking(
        job.jobId(), given.parentId(), given.numSeq() + 1, given.timestamp());
  }

  @Override
  public void close() {
    workers.shutdown();
  }
}
