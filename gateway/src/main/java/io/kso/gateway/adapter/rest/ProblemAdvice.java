package io.kso.gateway.adapter.rest;

import io.kso.gateway.relay.GatewayException;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the REST endpoint as RFC 9457 problem+json: the gateway's own reasons, and
 * Spring's (404, 405, unreadable bodies) through {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

  @ExceptionHandler(GatewayException.class)
  public ProblemDetail gatewayException(GatewayException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    String reason = e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
    problem.setType(URI.create("urn:kso:gateway:" + reason));
    problem.setTitle(title(e.reason()));
    problem.setProperty("reason", e.reason().name());
    if (!e.failures().isEmpty()) {
      problem.setProperty("failures", e.failures());
    }
    return problem;
  }

  private static String title(GatewayException.Reason reason) {
    return switch (reason) {
      case BAD_ENVELOPE -> "Not a notification envelope";
      case MISSING_TARGET -> "Notification without target";
      case DELIVERY_FAILED -> "Delivery failed";
    };
  }
}
