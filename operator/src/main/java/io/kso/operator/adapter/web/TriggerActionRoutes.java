package io.kso.operator.adapter.web;

import io.kso.base.web.RequestBodies;
import io.kso.common.message.Commands;
import io.kso.common.message.WireJson;
import io.kso.operator.command.CommandDispatcher;
import io.kso.operator.command.CommandException;
import io.kso.operator.command.CommandValidator;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * {@code POST /v1/triggerAction}: checks the whole body at once, answers {@code 200 ok} and leaves
 * the work to the dispatcher; refusals are RFC 9457 problem documents.
 */
public final class TriggerActionRoutes {
  public static final String PATH = "/v1/triggerAction";
  private static final Logger log = LoggerFactory.getLogger(TriggerActionRoutes.class);

  private final CommandValidator validator;
  private final CommandDispatcher dispatcher;

  public TriggerActionRoutes(CommandValidator validator, CommandDispatcher dispatcher) {
    this.validator = validator;
    this.dispatcher = dispatcher;
  }

  public RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route()
        .POST(PATH, this::trigger)
        .route(request -> request.path().equals(PATH), RequestBodies::postOnly)
        .build();
  }

  private Mono<ServerResponse> trigger(ServerRequest request) {
    return RequestBodies.bytes(request)
        .flatMap(this::accept)
        .onErrorResume(CommandException.class, TriggerActionRoutes::problem);
  }

  private Mono<ServerResponse> accept(byte[] body) {
    Commands commands = parse(body);
    validator.validate(commands);
    dispatcher.submit(commands.commands());
    log.atInfo().addKeyValue("commands", commands.commands().toString()).log("commands accepted");
    return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("ok");
  }

  private static Commands parse(byte[] body) {
    if (body.length == 0) {
      throw new CommandException(
          CommandException.Reason.MALFORMED_BODY,
          "the body is empty: a Commands document is expected");
    }
    try {
      return WireJson.read(body, Commands.class);
    } catch (JacksonException e) {
      throw new CommandException(CommandException.Reason.MALFORMED_BODY, WireJson.describe(e));
    }
  }

  static Mono<ServerResponse> problem(CommandException e) {
    HttpStatus status =
        e.reason() == CommandException.Reason.OVERLOADED
            ? HttpStatus.SERVICE_UNAVAILABLE
            : HttpStatus.BAD_REQUEST;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setType(
        URI.create(
            "urn:kso:operator:"
                + e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
    problem.setProperty("reason", e.reason().name());
    var response = ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      response = response.header("Retry-After", "5");
    }
    return response.bodyValue(problem);
  }
}
