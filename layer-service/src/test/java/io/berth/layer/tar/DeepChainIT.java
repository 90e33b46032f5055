package io.berth.layer.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.layer.fs.OverlayMount;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 130-layer image: the bottom 100 layers flattened into one lower, the top 30 mounted over it,
 * and the merged view checked against a model of overlay's rules.
 */
class DeepChainIT {

  private static final int LAYERS = 130;
  private static final int FLATTENED = 100;
  private static final int OPAQUE_LAYER = 60;
  private static final int TOP_OPAQUE_LAYER = 115;

  @TempDir Path temp;

  @BeforeAll
  static void needsRoot() {
    Root.assumeRoot();
  }

  /** Layer i adds f/i, o/i and p/i; some delete a lower file; two make a directory opaque. */
  private static TarBuilder layerTar(int i, Map<String, String> model) {
    TarBuilder tar = new TarBuilder().directory("f", 0755).directory("o", 0755);
    tar.directory("p", 0755);
    if (i == OPAQUE_LAYER) {
      tar.file("o/.wh..wh..opq", "");
      model.keySet().removeIf(k -> k.startsWith("o/"));
    }
    if (i == TOP_OPAQUE_LAYER) {
      tar.file("p/.wh..wh..opq", "");
      model.keySet().removeIf(k -> k.startsWith("p/"));
    }
    if (i % 10 == 5) {
      String victim = "f/" + (i - 3);
      tar.file("f/.wh." + (i - 3), "");
      model.remove(victim);
    }
    if (i == 120) {
      tar.file("f/.wh.50", "");
      model.remove("f/50");
    }
    for (String dir : List.of("f", "o", "p")) {
      String name = dir + "/" + i;
      tar.file(name, "layer " + i);
      model.put(name, "layer " + i);
    }
    return tar;
  }

  @Test
  void flattenedBottomPlusThirtyLowersShowTheWholeChain() throws IOException {
    Map<String, String> model = new TreeMap<>();
    List<Path> layers = new ArrayList<>();
    LayerUnpacker unpacker = new LayerUnpacker(UnpackOptions.defaults());
    for (int i = 0; i < LAYERS; i++) {
      Path dir =
          Files.createDirectories(temp.resolve("layers/layer-with-a-realistic-long-id-" + i));
      unpacker.unpack(new ByteArrayInputStream(layerTar(i, model).build()), dir);
      layers.add(dir);
    }
    Path upper = Files.createDirectory(temp.resolve("upper"));
    Path work = Files.createDirectory(temp.resolve("work"));
    Path merged = Files.createDirectory(temp.resolve("merged"));
    List<Path> allTopFirst = new ArrayList<>(layers);
    java.util.Collections.reverse(allTopFirst);
    assertThatThrownBy(() -> OverlayMount.mount(allTopFirst, upper, work, merged))
        .as("130 lower directories do not fit in one page of mount options")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flatten");

    Path flat = Files.createDirectory(temp.resolve("flat"));
    Flattener.flatten(layers.subList(0, FLATTENED), flat);
    List<Path> lowersTopFirst = new ArrayList<>(allTopFirst.subList(0, LAYERS - FLATTENED));
    lowersTopFirst.add(flat);

    try (OverlayMount mount = OverlayMount.mount(lowersTopFirst, upper, work, merged)) {
      assertThat(contents(merged)).isEqualTo(model);
    }
    assertThat(model).doesNotContainKeys("f/2", "f/50", "o/10", "p/100").containsKeys("f/129");
    assertThat(model.keySet().stream().filter(k -> k.startsWith("o/"))).hasSize(LAYERS - 60);
  }

  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          files.put(root.relativize(p).toString(), Files.readString(p));
        } else if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          files.put(root.relativize(p).toString(), "not a file or directory");
        }
      }
    }
    return files;
  }
}
