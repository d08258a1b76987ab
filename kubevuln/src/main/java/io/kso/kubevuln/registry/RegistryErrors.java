package io.kso.kubevuln.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Turns a distribution-spec error body ({@code {"errors":[{"code","message"}]}}) into text. */
final class RegistryErrors {
  private RegistryErrors() {}

  static String describe(Response response) {
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(16 * 1024);
    } catch (IOException e) {
      return "";
    }
    try {
      Object parsed = JsonMapper.builder().build().readValue(body, Object.class);
      List<String> codes = new ArrayList<>();
      if (parsed instanceof Map<?, ?> map && map.get("errors") instanceof List<?> errors) {
        for (Object e : errors) {
          if (e instanceof Map<?, ?> error) {
            codes.add(error.get("code") + ": " + error.get("message"));
          }
        }
      }
      return codes.isEmpty() ? "" : " " + codes;
    } catch (RuntimeException e) {
      return "";
    }
  }
}
