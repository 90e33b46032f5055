package io.berth.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void encodesEveryPartitionsPositionAndDecodesItBack() {
    Map<TopicPartition, Long> next = new LinkedHashMap<>();
    for (int p = 0; p < 12; p++) {
      next.put(new TopicPartition("berth.container.events", p), 1000L * p + 7);
    }
    next.put(new TopicPartition("berth.image.events", 5), Long.MAX_VALUE);
    next.put(new TopicPartition("berth.layer.events", 0), 0L);
    Cursor cursor = new Cursor(next);

    String text = cursor.encode();

    assertThat(text).matches("[A-Za-z0-9_-]+");
    assertThat(Cursor.decode(text)).isEqualTo(cursor);
    assertThat(Cursor.decode(text).nextOffset(new TopicPartition("berth.container.events", 3)))
        .isEqualTo(3007);
  }

  @Test
  void aPartitionTheCursorDoesNotNameStartsAtItsBeginning() {
    Cursor cursor = new Cursor(Map.of(new TopicPartition("berth.image.events", 0), 9L));

    assertThat(cursor.nextOffset(new TopicPartition("berth.image.events", 1))).isZero();
  }

  @Test
  void theTextDoesNotDependOnTheOrderPartitionsWereGiven() {
    TopicPartition a = new TopicPartition("berth.layer.events", 1);
    TopicPartition b = new TopicPartition("berth.container.events", 2);
    Map<TopicPartition, Long> one = new LinkedHashMap<>();
    one.put(a, 1L);
    one.put(b, 2L);
    Map<TopicPartition, Long> other = new LinkedHashMap<>();
    other.put(b, 2L);
    other.put(a, 1L);

    assertThat(new Cursor(one).encode()).isEqualTo(new Cursor(other).encode());
  }

  @Test
  void refusesWhatIsNotACursor() {
    assertThatThrownBy(() -> Cursor.decode("not base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an event id");
    assertThatThrownBy(() -> Cursor.decode("AQ"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> Cursor.decode("Ag"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 2");
    assertThatThrownBy(() -> Cursor.decode("AQEJAAA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown topic");
    assertThatThrownBy(
            () -> new Cursor(Map.of(new TopicPartition("berth.container.commands", 0), 1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
