package io.kso.gateway.adapter.rest;

import io.kso.gateway.relay.GatewayException;
import io.kso.gateway.relay.Notification;
import io.kso.gateway.relay.Relay;
import io.kso.gateway.relay.Source;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/sendnotification} (any suffix): the body is an envelope whose {@code target}
 * chooses the receivers; the raw body is forwarded to them unchanged. The answer is {@code []}, as
 * from the original, whether or not anything matched.
 */
@RestController
public class SendNotificationController {
  private static final Logger log = LoggerFactory.getLogger(SendNotificationController.class);

  private final Relay relay;

  public SendNotificationController(Relay relay) {
    this.relay = relay;
  }

  @PostMapping({"/v1/sendnotification*", "/v1/sendnotification*/**"})
  public Mono<List<Object>> send(@RequestBody(required = false) byte[] body) {
    Notification notification = relay.accept(body, Source.REST);
    if (!notification.synchronous()) {
      int matched = relay.route(notification);
      log.atDebug()
          .addKeyValue("target", notification.target().toString())
          .addKeyValue("matched", matched)
          .log("notification routed");
      return Mono.just(List.of());
    }
    return Mono.fromFuture(relay.deliver(notification))
        .map(
            failures -> {
              if (!failures.isEmpty()) {
                throw new GatewayException(
                    GatewayException.Reason.DELIVERY_FAILED,
                    failures.size() + " receiver(s) could not be written to",
                    failures);
              }
              return List.of();
            });
  }
}
