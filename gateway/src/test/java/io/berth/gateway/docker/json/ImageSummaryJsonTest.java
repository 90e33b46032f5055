package io.berth.gateway.docker.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.query.ImageSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageSummaryJsonTest {

  private static final String ID = "sha256:" + "1".repeat(64);
  private static final Instant CREATED = Instant.parse("2024-05-06T07:08:09.5Z");

  private static final ImageSummaryJson.Options API_144 =
      new ImageSummaryJson.Options(false, false, false, false);

  @Test
  void aListEntryHasDockersKeysAndNotComputedMarkers() {
    ImageSummary image =
        new ImageSummary(ID, List.of("busybox:latest"), null, CREATED, 4096, 100, Map.of(), 2);

    Map<String, Object> entry = ImageSummaryJson.entry(image, image.repoTags(), 100, 2, API_144);

    assertThat(entry)
        .containsOnlyKeys(
            "Containers",
            "Created",
            "Id",
            "Labels",
            "ParentId",
            "RepoDigests",
            "RepoTags",
            "SharedSize",
            "Size")
        .containsEntry("Containers", -1L)
        .containsEntry("Created", CREATED.getEpochSecond())
        .containsEntry("Id", ID)
        .containsEntry("Labels", null)
        .containsEntry("ParentId", "")
        .containsEntry("RepoDigests", List.of())
        .containsEntry("RepoTags", List.of("busybox:latest"))
        .containsEntry("SharedSize", -1L)
        .containsEntry("Size", 4096L);
  }

  @Test
  void sharedSizeContainersAndLabelsWhenAsked() {
    String parent = "sha256:" + "2".repeat(64);
    ImageSummary image =
        new ImageSummary(ID, List.of(), parent, CREATED, 4096, 100, Map.of("a", "b"), 2);

    Map<String, Object> entry =
        ImageSummaryJson.entry(
            image, List.of(), 300, 3, new ImageSummaryJson.Options(true, true, false, false));

    assertThat(entry)
        .containsEntry("SharedSize", 300L)
        .containsEntry("Containers", 3L)
        .containsEntry("Labels", Map.of("a", "b"))
        .containsEntry("ParentId", parent)
        .containsEntry("RepoTags", List.of());
  }

  @Test
  void olderApisGetVirtualSizeAndNoneTags() {
    ImageSummary image = new ImageSummary(ID, List.of(), null, CREATED, 4096, 0, Map.of(), 0);

    Map<String, Object> entry =
        ImageSummaryJson.entry(
            image, List.of(), 0, 0, new ImageSummaryJson.Options(false, false, true, true));

    assertThat(entry)
        .containsEntry("VirtualSize", 4096L)
        .containsEntry("RepoTags", List.of("<none>:<none>"))
        .containsEntry("RepoDigests", List.of("<none>@<none>"));
  }

  @Test
  void deleteAnswersListUntaggedThenDeleted() {
    assertThat(ImageDeleteJson.items(List.of("busybox:latest"), List.of(ID)))
        .containsExactly(Map.of("Untagged", "busybox:latest"), Map.of("Deleted", ID));
  }

  @Test
  void aPruneReportIsNullWhenNothingWentAway() {
    assertThat(ImageDeleteJson.pruneReport(List.of(), List.of(), 0))
        .containsEntry("ImagesDeleted", null)
        .containsEntry("SpaceReclaimed", 0L);
    assertThat(ImageDeleteJson.pruneReport(List.of("a:1"), List.of(ID), 42))
        .containsEntry("ImagesDeleted", List.of(Map.of("Untagged", "a:1"), Map.of("Deleted", ID)))
        .containsEntry("SpaceReclaimed", 42L);
  }

  @Test
  void streamLinesEndWithCrLfAsMobysStreamFormatterWrites() {
    assertThat(JsonStream.status("sha256:" + "1".repeat(64)))
        .isEqualTo("{\"status\":\"sha256:" + "1".repeat(64) + "\"}\r\n");
    assertThat(JsonStream.stream("Loaded image: busybox:latest\n"))
        .isEqualTo("{\"stream\":\"Loaded image: busybox:latest\\n\"}\r\n");
  }

  @Test
  void goTimeDropsTrailingZerosAndWritesZForUtc() {
    assertThat(GoTime.rfc3339Nano(Instant.parse("2024-05-06T07:08:09Z")))
        .isEqualTo("2024-05-06T07:08:09Z");
    assertThat(GoTime.rfc3339Nano(Instant.parse("2024-05-06T07:08:09.120Z")))
        .isEqualTo("2024-05-06T07:08:09.12Z");
    assertThat(GoTime.rfc3339Nano(GoTime.parse("2024-05-06T07:08:09.000000001+02:00")))
        .isEqualTo("2024-05-06T07:08:09.000000001+02:00");
  }
}
