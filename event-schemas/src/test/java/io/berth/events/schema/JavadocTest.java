package io.berth.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.Catalogue;
import io.berth.events.MessageType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JavadocTest {

  static Iterable<MessageType<?>> types() {
    return Catalogue.all();
  }

  @Test
  void inlineTagsBecomeMarkdownAndParamsKeepTheirContinuationLines() {
    Javadoc doc =
        Javadoc.parse(
            """
             * Asks to run {@code docker kill} on a {@link ContainerConfig#cmd}, with {@code {"a": 1}}.
             *
             * <p>Second paragraph.
             *
             * @param signal the signal, or null for {@code
             *     SIGKILL}
             * @param other &lt;other&gt;
             * @see <a href="https://example.com">somewhere</a>
             """);

    assertThat(doc.description())
        .isEqualTo(
            "Asks to run `docker kill` on a `ContainerConfig.cmd`, with `{\"a\": 1}`.\n\n"
                + "Second paragraph.");
    assertThat(doc.params())
        .containsEntry("signal", "the signal, or null for `SIGKILL`")
        .containsEntry("other", "<other>")
        .hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void everyPayloadRecordSaysWhatItMeansAndWhatEachFieldHolds(MessageType<?> type) {
    Javadoc doc = Javadoc.of(JsonSchemaGenerator.SOURCES, type.payload());

    assertThat(doc.description()).isNotBlank();
    assertThat(doc.params().keySet())
        .containsExactlyElementsOf(
            Arrays.stream(type.payload().getRecordComponents())
                .map(RecordComponent::getName)
                .toList());
  }
}
