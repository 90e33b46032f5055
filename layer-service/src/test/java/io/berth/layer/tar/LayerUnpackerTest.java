package io.berth.layer.tar;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdOutputStream;
import io.berth.layer.fs.FileStat;
import io.berth.layer.fs.FileSystemOps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerUnpackerTest {

  @TempDir Path temp;
  private Path target;

  private final LayerUnpacker unpacker = new LayerUnpacker(UnpackOptions.defaults());

  @BeforeAll
  static void needsRoot() {
    Root.assumeRoot();
  }

  @org.junit.jupiter.api.BeforeEach
  void createTarget() throws IOException {
    target = Files.createDirectory(temp.resolve("target"));
  }

  private UnpackSummary unpack(byte[] tar) throws IOException {
    return unpacker.unpack(new ByteArrayInputStream(tar), target);
  }

  @Test
  void keepsModesIncludingSpecialBitsNumericOwnersAndTimes() throws IOException {
    TarArchiveEntry suid = TarBuilder.entry("bin/su", TarConstants.LF_NORMAL);
    suid.setMode(04755);
    suid.setIds(1234, 5678);
    suid.setUserName("nobody-by-name");
    suid.setSize(2);
    TarArchiveEntry sgidDir = TarBuilder.entry("shared/", TarConstants.LF_DIR);
    sgidDir.setMode(02775);
    sgidDir.setIds(42, 43);
    sgidDir.setModTime(1_000_000_000L * 1000);
    TarArchiveEntry sticky = TarBuilder.entry("tmp/", TarConstants.LF_DIR);
    sticky.setMode(01777);
    byte[] tar =
        new TarBuilder()
            .directory("bin", 0755)
            .add(suid, "#!".getBytes(StandardCharsets.UTF_8))
            .add(sgidDir, null)
            .file("shared/inner", "written after the directory entry")
            .add(sticky, null)
            .symlink("bin/sh", "/bin/busybox")
            .build();

    unpack(tar);

    FileStat su = FileSystemOps.lstat(target.resolve("bin/su"));
    assertThat(su.permissions()).isEqualTo(04755);
    assertThat(su.uid()).isEqualTo(1234);
    assertThat(su.gid()).isEqualTo(5678);
    assertThat(su.lastModifiedTime().toMillis()).isEqualTo(TarBuilder.MTIME * 1000);
    FileStat shared = FileSystemOps.lstat(target.resolve("shared"));
    assertThat(shared.permissions()).isEqualTo(02775);
    assertThat(shared.uid()).isEqualTo(42);
    assertThat(shared.lastModifiedTime().toMillis())
        .as("directory times are set after their contents are written")
        .isEqualTo(1_000_000_000L * 1000);
    assertThat(FileSystemOps.lstat(target.resolve("tmp")).permissions()).isEqualTo(01777);
    FileStat sh = FileSystemOps.lstat(target.resolve("bin/sh"));
    assertThat(sh.isSymbolicLink()).isTrue();
    assertThat(Files.readSymbolicLink(target.resolve("bin/sh"))).hasToString("/bin/busybox");
    assertThat(sh.lastModifiedTime().toMillis())
        .as("symlink mtime")
        .isEqualTo(TarBuilder.MTIME * 1000);
  }

  @Test
  void hardLinksShareTheInodeOfTheirTarget() throws IOException {
    unpack(new TarBuilder().file("a", "same").hardLink("dir/b", "a").build());

    FileStat a = FileSystemOps.lstat(target.resolve("a"));
    FileStat b = FileSystemOps.lstat(target.resolve("dir/b"));
    assertThat(b.ino()).isEqualTo(a.ino());
    assertThat(a.nlink()).isEqualTo(2);
  }

  @Test
  void createsDevicesAndFifos() throws IOException {
    unpack(
        new TarBuilder()
            .device("dev/null", TarConstants.LF_CHR, 1, 3)
            .device("dev/loop0", TarConstants.LF_BLK, 7, 0)
            .device("run/fifo", TarConstants.LF_FIFO, 0, 0)
            .build());

    FileStat nul = FileSystemOps.lstat(target.resolve("dev/null"));
    assertThat(nul.type()).isEqualTo(FileStat.S_IFCHR);
    assertThat(nul.rdevMajor()).isEqualTo(1);
    assertThat(nul.rdevMinor()).isEqualTo(3);
    assertThat(nul.permissions()).isEqualTo(0600);
    FileStat loop = FileSystemOps.lstat(target.resolve("dev/loop0"));
    assertThat(loop.type()).isEqualTo(FileStat.S_IFBLK);
    assertThat(loop.rdevMajor()).isEqualTo(7);
    assertThat(FileSystemOps.lstat(target.resolve("run/fifo")).type()).isEqualTo(FileStat.S_IFIFO);
  }

  @Test
  void ociWhiteoutsBecomeOverlayWhiteoutsAndOpaqueDirectories() throws IOException {
    unpack(
        new TarBuilder()
            .directory("etc", 0755)
            .file("etc/.wh.passwd", "")
            .directory("var/cache", 0755)
            .file("var/cache/.wh..wh..opq", "")
            .file("var/cache/new", "kept")
            .file(".wh..wh.plnk", "")
            .build());

    FileStat whiteout = FileSystemOps.lstat(target.resolve("etc/passwd"));
    assertThat(whiteout.isOverlayWhiteout()).isTrue();
    assertThat(Files.exists(target.resolve("etc/.wh.passwd"))).isFalse();
    assertThat(FileSystemOps.lgetxattr(target.resolve("var/cache"), "trusted.overlay.opaque"))
        .hasValueSatisfying(v -> assertThat(v).containsExactly('y'));
    assertThat(TreeDigest.listing(target))
        .containsExactly("etc", "etc/passwd", "var", "var/cache", "var/cache/new");
  }

  @Test
  void appliesPaxXattrsWithBinaryValues() throws IOException {
    byte[] capability = {0, 0, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarWriter writer = new TarWriter(out);
    writer.putEntry(
        new TarEntry(
            "usr/bin/ping",
            TarEntry.TYPE_REGULAR,
            0755,
            0,
            0,
            0,
            FileTime.fromMillis(0),
            null,
            "",
            0,
            0,
            Map.of(
                "security.capability", capability,
                "user.comment", "ok".getBytes(StandardCharsets.UTF_8),
                "trusted.overlay.redirect", "/evil".getBytes(StandardCharsets.UTF_8))));
    writer.finish();

    unpack(out.toByteArray());

    Path ping = target.resolve("usr/bin/ping");
    assertThat(FileSystemOps.lgetxattr(ping, "security.capability")).contains(capability);
    assertThat(FileSystemOps.lgetxattr(ping, "user.comment"))
        .hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("ok"));
    assertThat(FileSystemOps.lgetxattr(ping, "trusted.overlay.redirect"))
        .as("overlay's own xattrs never come from a tar")
        .isEmpty();
  }

  @Test
  void readsSchilyXattrsWrittenByCommonsCompress() throws IOException {
    unpack(
        new TarBuilder().withPax("f", Map.of("SCHILY.xattr.user.origin", "commons"), "x").build());

    assertThat(FileSystemOps.lgetxattr(target.resolve("f"), "user.origin"))
        .hasValueSatisfying(
            v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("commons"));
  }

  @Test
  void laterEntriesReplaceEarlierOnesAndDirectoriesMerge() throws IOException {
    unpack(
        new TarBuilder()
            .file("x", "file first")
            .directory("x", 0755)
            .file("x/inside", "x became a directory")
            .directory("d", 0755)
            .file("d/old", "old")
            .file("d", "d became a file")
            .symlink("link", "/etc")
            .file("link", "the symlink was replaced, not followed")
            .directory("m", 0700)
            .file("m/one", "1")
            .directory("m", 0755)
            .file("m/two", "2")
            .file("dup", "first")
            .file("dup", "second")
            .build());

    assertThat(Files.readString(target.resolve("x/inside"))).isEqualTo("x became a directory");
    assertThat(Files.readString(target.resolve("d"))).isEqualTo("d became a file");
    assertThat(Files.isSymbolicLink(target.resolve("link"))).isFalse();
    assertThat(Files.readString(target.resolve("link"))).startsWith("the symlink was replaced");
    assertThat(TreeDigest.listing(target.resolve("m"))).containsExactly("one", "two");
    assertThat(FileSystemOps.lstat(target.resolve("m")).permissions()).isEqualTo(0755);
    assertThat(Files.readString(target.resolve("dup"))).isEqualTo("second");
  }

  @Test
  void readsLongNamesInGnuAndPaxForms() throws IOException {
    String deep = "a".repeat(120) + "/" + "b".repeat(120);
    byte[] pax = new TarBuilder().file(deep, "pax").symlink("l", "t".repeat(150)).build();
    unpack(pax);
    assertThat(Files.readString(target.resolve(deep))).isEqualTo("pax");
    assertThat(Files.readSymbolicLink(target.resolve("l")).toString()).hasSize(150);

    ByteArrayOutputStream gnu = new ByteArrayOutputStream();
    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(gnu)) {
      tar.setLongFileMode(
          org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_GNU);
      TarArchiveEntry e = TarBuilder.entry("g".repeat(200), TarConstants.LF_NORMAL);
      e.setSize(3);
      tar.putArchiveEntry(e);
      tar.write("gnu".getBytes(StandardCharsets.UTF_8));
      tar.closeArchiveEntry();
    }
    Path second = Files.createDirectory(temp.resolve("gnu"));
    unpacker.unpack(new ByteArrayInputStream(gnu.toByteArray()), second);
    assertThat(Files.readString(second.resolve("g".repeat(200)))).isEqualTo("gnu");
  }

  @Test
  void gzipAndZstdBlobsGiveTheDiffIdOfThePlainTar() throws IOException {
    byte[] tar = new TarBuilder().directory("d", 0755).file("d/f", "content".repeat(1000)).build();
    String expected = "sha256:" + HexFormat.of().formatHex(sha256(tar));

    UnpackSummary plain = unpack(tar);
    assertThat(plain.compression()).isEqualTo(Compression.NONE);
    assertThat(plain.diffId()).isEqualTo(expected);
    assertThat(plain.entries()).isEqualTo(2);
    assertThat(plain.uncompressedBytes()).isEqualTo(tar.length);
    assertThat(plain.regularFileBytes()).isEqualTo(7000);

    for (Compression compression : new Compression[] {Compression.GZIP, Compression.ZSTD}) {
      Path dir = Files.createDirectory(temp.resolve(compression.name()));
      byte[] blob = compress(tar, compression);
      UnpackSummary summary = unpacker.unpack(new ByteArrayInputStream(blob), dir);
      assertThat(summary.compression()).isEqualTo(compression);
      assertThat(summary.diffId()).isEqualTo(expected);
      assertThat(summary.compressedBytes()).isEqualTo(blob.length);
      assertThat(Files.readString(dir.resolve("d/f"))).isEqualTo("content".repeat(1000));
    }
  }

  @Test
  void oldStyleRegularEntryWithATrailingSlashIsADirectory() throws IOException {
    TarArchiveEntry old = TarBuilder.entry("legacy/", TarConstants.LF_OLDNORM);
    old.setMode(0750);
    unpack(new TarBuilder().add(old, null).file("legacy/f", "x").build());

    assertThat(FileSystemOps.lstat(target.resolve("legacy")).isDirectory()).isTrue();
    assertThat(FileSystemOps.lstat(target.resolve("legacy")).permissions()).isEqualTo(0750);
  }

  @Test
  void aTruncatedOrCorruptBlobFailsWithAnIoException() throws IOException {
    byte[] tar = new TarBuilder().file("f", "x".repeat(5000)).build();
    byte[] truncated = java.util.Arrays.copyOf(tar, 2048);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> unpack(truncated))
        .isInstanceOf(java.io.EOFException.class)
        .hasMessageContaining("inside an entry");

    byte[] gzip = compress(tar, Compression.GZIP);
    for (int i = 20; i < gzip.length - 8; i++) {
      gzip[i] ^= 0x5a; // garble the deflate data, keep the gzip header
    }
    Path other = Files.createDirectory(temp.resolve("corrupt"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> unpacker.unpack(new ByteArrayInputStream(gzip), other))
        .isInstanceOf(IOException.class);
  }

  @Test
  void refusesATargetThatIsNotEmpty() throws IOException {
    Files.writeString(target.resolve("left-over"), "x");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> unpack(new TarBuilder().file("f", "x").build()))
        .hasMessageContaining("not empty");
  }

  static byte[] compress(byte[] data, Compression compression) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream c =
        compression == Compression.GZIP ? new GZIPOutputStream(out) : new ZstdOutputStream(out)) {
      c.write(data);
    }
    return out.toByteArray();
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
