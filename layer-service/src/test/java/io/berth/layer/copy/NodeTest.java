package io.berth.layer.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The order of names in a layer. */
class NodeTest {

  @Test
  void namesSortByTheirUtf8BytesAsGoSortsThem() {
    List<String> names = List.of("b", "B", "a.txt", "a", "é", "z", "\uFFFD", "😀", "a-b", "_");
    List<String> byBytes =
        names.stream()
            .sorted(
                (x, y) ->
                    Arrays.compareUnsigned(
                        x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)))
            .toList();
    assertThat(names.stream().sorted(Node.NAME_ORDER).toList()).isEqualTo(byBytes);
    assertThat(Stream.of("😀", "\uFFFD").sorted(Node.NAME_ORDER).toList())
        .as("a supplementary character sorts after U+FFFD, unlike String.compareTo")
        .containsExactly("\uFFFD", "😀");
  }
}
