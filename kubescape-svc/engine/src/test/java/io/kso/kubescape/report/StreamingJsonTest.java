package io.kso.kubescape.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.values.NullValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StreamingJsonTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void writesALargeArrayInOrderSkippingElementsThatWriteNothing() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    StreamingJson json = new StreamingJson(buf);
    json.raw('{');
    json.array(
        "items",
        1000,
        (i, g) -> {
          if (i % 3 != 0) {
            g.writeNumber(i);
          }
        });
    json.raw('}');

    JsonNode items = JSON.readTree(buf.toString(StandardCharsets.UTF_8)).get("items");
    assertThat(items).hasSize(666);
    assertThat(items.get(0).asInt()).isEqualTo(1);
    assertThat(items.get(665).asInt()).isEqualTo(998);
  }

  @Test
  void writesAValueTreeWithItsKeysInOrder() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", List.of(1L, 2.5, true, "x"));
    m.put("a", NullValue.NULL_VALUE);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    new StreamingJson(buf).property("v", m);

    assertThat(buf.toString(StandardCharsets.UTF_8))
        .isEqualTo("\"v\":{\"b\":[1,2.5,true,\"x\"],\"a\":null}");
  }

  @Test
  void anEmptyArrayIsEmpty() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    new StreamingJson(buf).array("none", 0, (i, g) -> g.writeNumber(i));

    assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo("\"none\":[]");
  }
}
