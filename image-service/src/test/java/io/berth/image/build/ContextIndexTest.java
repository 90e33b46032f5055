package io.berth.image.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.image.ImageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class ContextIndexTest {

  @Test
  void indexesAGzippedContextWithDigestsParentsAndTheKeptFiles() throws IOException {
    byte[] tar = gzip(tar("./Dockerfile", "FROM scratch\n", "src/app/main.txt", "hello"));
    ContextIndex index =
        ContextIndex.read(new ByteArrayInputStream(tar), Set.of("Dockerfile", ".dockerignore"));

    assertThat(index.file("Dockerfile"))
        .hasValueSatisfying(
            bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("FROM scratch\n"));
    assertThat(index.file("src/app/main.txt")).as("only the named files are kept").isEmpty();
    assertThat(index.entry("src/app/main.txt").orElseThrow().sha256())
        .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    assertThat(index.entry("src").orElseThrow().isDirectory()).as("a parent is added").isTrue();
    assertThat(index.under("src").stream().map(ContextIndex.Entry::path))
        .containsExactly("src", "src/app", "src/app/main.txt");
  }

  @Test
  void refusesAnEntryOutsideTheContext() throws IOException {
    byte[] tar = tar("../../etc/passwd", "root");
    assertThatThrownBy(() -> ContextIndex.read(new ByteArrayInputStream(tar), Set.of()))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("outside");
  }

  @Test
  void cleansPathsAsTheIndexKeysThem() {
    assertThat(ContextIndex.clean("./a//b/./c/")).isEqualTo("a/b/c");
    assertThat(ContextIndex.clean("a/../b")).isEqualTo("b");
    assertThat(ContextIndex.clean(".")).isEmpty();
  }

  static byte[] tar(String... namesAndContents) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        byte[] content = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(namesAndContents[i], true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
