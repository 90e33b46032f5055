package io.berth.image.config.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoJsonWriterTest {

  @Test
  void escapesAsGoDoes() {
    String json = new GoJsonWriter().value("<a & b>\"\\\n\t\u0001\u2028é😀").toString();

    assertThat(json).isEqualTo("\"\\u003ca \\u0026 b\\u003e\\\"\\\\\\n\\t\\u0001\\u2028é😀\"");
  }

  @Test
  void writesTimesAsRfc3339NanoInUtc() {
    assertThat(GoJsonWriter.rfc3339Nano(Instant.parse("2026-11-29T04:37:57.661796872Z")))
        .isEqualTo("2026-11-29T04:37:57.661796872Z");
    assertThat(GoJsonWriter.rfc3339Nano(Instant.parse("2026-11-29T04:37:57.980117520Z")))
        .isEqualTo("2026-11-29T04:37:57.98011752Z");
    assertThat(GoJsonWriter.rfc3339Nano(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void writesNilAndEmptyListsApartAndMapsSorted() {
    String json =
        new GoJsonWriter()
            .beginObject()
            .name("nil")
            .strings(null)
            .name("empty")
            .strings(List.of())
            .name("set")
            .set(List.of("b", "a"))
            .name("map")
            .map(Map.of("é", "1", "z", "2", "B", "3"))
            .endObject()
            .toString();

    assertThat(json)
        .isEqualTo(
            "{\"nil\":null,\"empty\":[],\"set\":{\"a\":{},\"b\":{}},"
                + "\"map\":{\"B\":\"3\",\"z\":\"2\",\"é\":\"1\"}}");
  }
}
