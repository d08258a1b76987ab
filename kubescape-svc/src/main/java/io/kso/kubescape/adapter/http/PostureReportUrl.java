package io.kso.kubescape.adapter.http;

import io.kso.kubescape.port.PublishException;
import io.kso.kubescape.port.PublishException.Reason;
import io.kso.kubescape.port.PublishRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The posture report's target on the event receiver, and the names in it, as Kubescape has them.
 */
final class PostureReportUrl {
  static final String PATH = "/k8s/v2/postureReport";
  private static final Pattern UUID_FORM =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern NOT_WORD = Pattern.compile("[^A-Za-z0-9_]+");

  private PostureReportUrl() {}

  /** The request as Kubescape sends it: canonical account GUID, adopted names. */
  static PublishRequest adopt(PublishRequest r) {
    return new PublishRequest(
        r.reportFile(),
        r.reportId(),
        r.jobId(),
        canonicalUuid(r.customerGuid()),
        adoptName(r.clusterName()),
        adoptName(r.contextName()));
  }

  static String canonicalUuid(String guid) {
    String s = guid.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("urn:uuid:")) {
      s = s.substring("urn:uuid:".length());
    } else if (s.startsWith("{") && s.endsWith("}")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.length() == 32 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      s =
          String.join(
              "-",
              s.substring(0, 8),
              s.substring(8, 12),
              s.substring(12, 16),
              s.substring(16, 20),
              s.substring(20));
    }
    if (!UUID_FORM.matcher(s).matches()) {
      throw PublishException.of(
          Reason.INVALID_REQUEST, "the customer GUID '" + guid + "' is not a UUID", null);
    }
    return s;
  }

  static String adoptName(String name) {
    return NOT_WORD.matcher(name).replaceAll("-");
  }

  /** {@code base} + {@link #PATH} + the query, in Go's order and escaping. */
  static URI of(URI eventReceiverUrl, PublishRequest r) {
    String base = eventReceiverUrl.toString();
    if (!base.contains("://")) {
      base = "http://" + base;
    }
    base = base.replaceAll("/+$", "");
    return URI.create(
        base
            + PATH
            + "?clusterName="
            + queryEscape(r.clusterName())
            + "&contextName="
            + queryEscape(r.contextName())
            + "&customerGUID="
            + queryEscape(r.customerGuid())
            + "&reportGUID="
            + queryEscape(r.reportId()));
  }

  /** Go's {@code url.QueryEscape}: unreserved characters stay, a space becomes {@code +}. */
  static String queryEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        b.append((char) c);
      } else if (c == ' ') {
        b.append('+');
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }
}
