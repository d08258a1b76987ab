package io.kso.base.web;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** What the services' REST routes share: the whole request body, and the 405 answer. */
public final class RequestBodies {
  private RequestBodies() {}

  /** The request body as bytes (empty when there is none), its buffers released. */
  public static Mono<byte[]> bytes(ServerRequest request) {
    return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()))
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              return bytes;
            })
        .defaultIfEmpty(new byte[0]);
  }

  /** 405 as a problem document, with {@code Allow: POST}. */
  public static Mono<ServerResponse> postOnly(ServerRequest request) {
    return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
        .header("Allow", "POST")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyValue(
            ProblemDetail.forStatusAndDetail(
                HttpStatus.METHOD_NOT_ALLOWED,
                "method '" + request.method() + "' not allowed; use POST"));
  }
}
