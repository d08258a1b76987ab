package io.kso.kubevuln.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Optional;

/**
 * One HTTP response of the registry: status, headers and the body as a stream.
 *
 * <p>Made with {@link HttpURLConnection}: its blocking stream moves a layer several times faster
 * than {@code java.net.http}'s {@code ofInputStream} (measured: 634 MB over loopback in 0.8 s
 * against 2.8–4.3 s), and layer download is most of an SBOM's time.
 */
record Response(int statusCode, URI uri, HttpURLConnection connection, InputStream body) {
  static Response of(URI uri, HttpURLConnection connection) throws IOException {
    int status = connection.getResponseCode();
    InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    return new Response(
        status, uri, connection, body != null ? body : InputStream.nullInputStream());
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(connection.getHeaderField(name));
  }
}
