package io.berth.image.archive;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.image.config.Digest;
import io.berth.image.config.ImageConfigDocument;
import io.berth.image.config.ImageConfigFactory;
import io.berth.image.config.Platform;
import io.berth.image.config.RunConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchiveErrorsTest {

  private final byte[] layer = Tars.layer("a.txt", "a\n");
  private final ImageConfigDocument config =
      new ImageConfigFactory(new Platform("linux", "amd64", null), null)
          .forImport(Digest.of(layer), "-", null, RunConfig.empty(), Instant.EPOCH);
  private final String configPath = "blobs/sha256/" + config.id().hex();
  private final String layerPath = "blobs/sha256/" + Digest.of(layer).hex();

  @Test
  void namesAMissingLayerMember() {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put(configPath, config.bytes());
    members.put("manifest.json", manifest("x"));

    assertThatThrownBy(() -> read(Tars.tar(members)))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("archive has no member " + layerPath + " (layer 1 of x:latest)");
  }

  @Test
  void namesAMissingConfigMember() {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put(layerPath, layer);
    members.put("manifest.json", manifest("x"));

    assertThatThrownBy(() -> read(Tars.tar(members)))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("archive has no member " + configPath + " (config of x:latest)");
  }

  @Test
  void namesTheImageWhoseLayersDoNotMatchItsDiffIds() {
    byte[] other = Tars.layer("b.txt", "b\n");
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put(configPath, config.bytes());
    members.put(layerPath, other);
    members.put("manifest.json", manifest("berth/x:1"));

    assertThatThrownBy(() -> read(Tars.tar(members)))
        .isInstanceOf(ArchiveException.class)
        .hasMessageStartingWith("image berth/x:1: its config lists diff ids [" + Digest.of(layer))
        .hasMessageEndingWith("but its layers have [" + Digest.of(other) + "]");
  }

  @Test
  void refusesWhatIsNotATar() {
    assertThatThrownBy(() -> read(Tars.utf8("this is a text file, long enough? ".repeat(30))))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("archive is not a tar file");
    assertThatThrownBy(() -> read(new byte[0]))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("archive is empty");
  }

  @Test
  void refusesATarWithoutImages() {
    assertThatThrownBy(() -> read(Tars.tar(Map.of("hello.txt", Tars.utf8("hi")))))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("archive has neither manifest.json nor index.json");
    assertThatThrownBy(() -> read(new byte[1024]))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("archive holds no members");
  }

  @Test
  void namesBrokenJson() {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("manifest.json", Tars.utf8("[{\"Config\": "));

    assertThatThrownBy(() -> read(Tars.tar(members)))
        .isInstanceOf(ArchiveException.class)
        .hasMessageStartingWith("manifest.json is not valid JSON");

    members.put(configPath, Tars.utf8("{\"rootfs\": nope}"));
    members.put(layerPath, layer);
    members.put("manifest.json", manifest("x"));
    assertThatThrownBy(() -> read(Tars.tar(members)))
        .isInstanceOf(ArchiveException.class)
        .hasMessageStartingWith("config " + configPath + ": image config is not valid JSON");
  }

  @Test
  void refusesAConfigWhoseNameIsNotItsDigest() {
    Map<String, byte[]> members = new LinkedHashMap<>();
    String wrongPath = "blobs/sha256/" + "0".repeat(64);
    members.put(wrongPath, config.bytes());
    members.put(layerPath, layer);
    members.put(
        "manifest.json",
        Tars.utf8("[{\"Config\":\"" + wrongPath + "\",\"Layers\":[\"" + layerPath + "\"]}]"));

    assertThatThrownBy(() -> read(Tars.tar(members)))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("config " + wrongPath + " of image 1 has digest " + config.id());
  }

  @Test
  void refusesMemberPathsThatLeaveTheArchive() {
    assertThatThrownBy(() -> read(Tars.tar(Map.of("../evil", Tars.utf8("x")))))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("member path ../evil leaves the archive");
  }

  @Test
  void refusesATruncatedArchive() {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put(layerPath, Tars.layer("big", "x".repeat(100_000)));
    byte[] tar = Tars.tar(members);
    byte[] truncated = Arrays.copyOf(tar, 50_000);

    assertThatThrownBy(() -> read(truncated))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(layerPath);
  }

  private byte[] manifest(String tag) {
    return Tars.utf8(
        "[{\"Config\":\""
            + configPath
            + "\",\"RepoTags\":[\""
            + tag
            + "\"],\"Layers\":[\""
            + layerPath
            + "\"]}]");
  }

  private static void read(byte[] archive) throws IOException {
    new ArchiveReader(new MemoryBlobStore()).read(Tars.stream(archive));
  }
}
