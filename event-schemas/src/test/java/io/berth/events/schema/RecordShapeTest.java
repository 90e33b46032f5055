package io.berth.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.Catalogue;
import io.berth.events.container.ContainerCommitRequested;
import io.berth.events.container.ContainerDied;
import io.berth.events.image.ImageTagged;
import io.berth.events.layer.SnapshotPrepareRequested;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordShapeTest {

  @Test
  void primitivesAndFieldsTheConstructorRefusesAsAbsentAreRequired() {
    RecordShape died = RecordShape.of(example(ContainerDied.class));

    assertThat(died.required()).containsExactly("containerId", "exitCode", "finishedAt");
  }

  @Test
  void aFieldThatIsOptionalOnlyTogetherWithAnotherIsOptional() {
    // A tag needs a repo; both may be absent together.
    RecordShape commit = RecordShape.of(example(ContainerCommitRequested.class));
    // A parent chain id needs its diff ids; both are absent for an empty root.
    RecordShape prepare = RecordShape.of(example(SnapshotPrepareRequested.class));

    assertThat(commit.required()).containsExactly("containerId", "pause");
    assertThat(prepare.required()).containsExactly("key");
  }

  @Test
  void theKeyIsFoundInANestedRecord() {
    assertThat(RecordShape.of(example(ImageTagged.class)).pathOf(ImageExamples.APP_ID))
        .contains("image.imageId");
  }

  @Test
  void nestedRecordsAreSampledFromTheExamples() {
    assertThat(
            RecordShape.samples(List.of(example(ImageTagged.class))).keySet().stream()
                .map(Class::getSimpleName))
        .containsExactly("ImageTagged", "ImageDescriptor", "ImageConfig");
  }

  private static Record example(Class<? extends io.berth.events.Message> type) {
    return (Record) Examples.of(Catalogue.of(type));
  }
}
