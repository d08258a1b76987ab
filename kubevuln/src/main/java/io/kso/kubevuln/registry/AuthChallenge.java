package io.kso.kubevuln.registry;

import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.image.ImageException.Reason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** A parsed {@code WWW-Authenticate} challenge: {@code Bearer realm="...",service="..."}. */
record AuthChallenge(String scheme, Map<String, String> params) {
  private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))");

  static AuthChallenge parse(String header) {
    if (header == null || header.isBlank()) {
      throw new ImageException(
          Reason.UNAUTHORIZED, "registry answered 401 without a WWW-Authenticate challenge");
    }
    String trimmed = header.trim();
    int space = trimmed.indexOf(' ');
    String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
    Map<String, String> params = new LinkedHashMap<>();
    if (space > 0) {
      Matcher m = PARAM.matcher(trimmed.substring(space + 1));
      while (m.find()) {
        params.put(
            m.group(1).toLowerCase(java.util.Locale.ROOT),
            m.group(2) != null ? m.group(2) : m.group(3));
      }
    }
    return new AuthChallenge(scheme, params);
  }

  static String tokenFrom(byte[] body) {
    try {
      Object parsed = JsonMapper.builder().build().readValue(body, Object.class);
      if (parsed instanceof Map<?, ?> map) {
        Object token = map.get("token") != null ? map.get("token") : map.get("access_token");
        if (token instanceof String s && !s.isEmpty()) {
          return s;
        }
      }
    } catch (JacksonException e) {
      // fall through
    }
    throw new ImageException(Reason.UNAUTHORIZED, "the token service answered without a token");
  }
}
