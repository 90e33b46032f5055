package io.berth.image.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContextIndexCacheTest {

  private final ContextIndexCache cache = new ContextIndexCache();
  private final List<String> reads = new ArrayList<>();

  @Test
  void theSameContextAndDockerfileAreReadOnce() throws Exception {
    ContextIndex first = get("sha256:aa", "Dockerfile", tar("Dockerfile", "FROM scratch\n"));
    ContextIndex again = get("sha256:aa", "Dockerfile", tar("Dockerfile", "FROM other\n"));
    assertThat(again).isSameAs(first);
    assertThat(reads).containsExactly("sha256:aa");
    assertThat(new String(again.file("Dockerfile").orElseThrow())).isEqualTo("FROM scratch\n");
  }

  @Test
  void anotherDockerfileNameOrContextIsReadAgain() throws Exception {
    get("sha256:aa", "Dockerfile", tar("Dockerfile", "FROM scratch\n"));
    get("sha256:aa", "build.Dockerfile", tar("build.Dockerfile", "FROM scratch\n"));
    get("sha256:bb", "Dockerfile", tar("Dockerfile", "FROM scratch\n"));
    assertThat(reads).containsExactly("sha256:aa", "sha256:aa", "sha256:bb");
  }

  @Test
  void onlyTheLastFewContextsAreKept() throws Exception {
    byte[] tar = tar("Dockerfile", "FROM scratch\n");
    for (int i = 0; i <= ContextIndexCache.CAPACITY; i++) {
      get("sha256:" + i, "Dockerfile", tar);
    }
    get("sha256:" + ContextIndexCache.CAPACITY, "Dockerfile", tar); // kept
    get("sha256:0", "Dockerfile", tar); // the eldest, evicted
    assertThat(reads).hasSize(ContextIndexCache.CAPACITY + 2).endsWith("sha256:0");
  }

  @Test
  void aContextWithVeryManyEntriesIsNotKept() throws Exception {
    String[] files = new String[2 * (ContextIndexCache.MAX_ENTRIES + 1)];
    for (int i = 0; i < files.length; i += 2) {
      files[i] = "f" + i;
      files[i + 1] = "";
    }
    byte[] big = tar(files);
    get("sha256:big", "Dockerfile", big);
    get("sha256:big", "Dockerfile", big);
    assertThat(reads).containsExactly("sha256:big", "sha256:big");
  }

  private ContextIndex get(String digest, String dockerfile, byte[] tar) throws IOException {
    return cache.get(
        digest,
        dockerfile,
        () -> {
          reads.add(digest);
          return ContextIndex.read(new ByteArrayInputStream(tar), Set.of(dockerfile));
        });
  }

  private static byte[] tar(String... namesAndContents) throws IOException {
    return ContextIndexTest.tar(namesAndContents);
  }
}
