package io.berth.layer.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import io.berth.layer.fs.FileStat;
import io.berth.layer.fs.FileSystemOps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One crafted hostile archive per attack. After each, the sentinel directory beside the target is
 * unchanged and nothing but the sentinel and the target exists beside them. Writes through symbolic
 * links that point outside are not refused but land inside the target, as with Docker; the tests
 * say where.
 */
class UnsafeArchiveTest {

  @TempDir Path base;
  private Path sentinel;
  private Path target;
  private String sentinelDigest;

  @BeforeAll
  static void needsRoot() {
    Root.assumeRoot();
  }

  @BeforeEach
  void createSentinel() throws IOException {
    sentinel = Files.createDirectories(base.resolve("sentinel/sub"));
    sentinel = base.resolve("sentinel");
    Files.writeString(sentinel.resolve("secret"), "do not touch");
    Files.writeString(sentinel.resolve("sub/data"), "nor this");
    target = Files.createDirectory(base.resolve("target"));
    sentinelDigest = TreeDigest.of(sentinel);
  }

  @AfterEach
  void nothingChangedOutsideTheTarget() throws IOException {
    assertThat(TreeDigest.of(sentinel)).isEqualTo(sentinelDigest);
    assertThat(TreeDigest.listing(base))
        .allSatisfy(p -> assertThat(p).matches("(sentinel|target)(/.*)?"));
    assertThat(TreeDigest.listing(base).stream().filter(p -> p.startsWith("sentinel")))
        .containsExactly("sentinel", "sentinel/secret", "sentinel/sub", "sentinel/sub/data");
  }

  private UnpackSummary unpack(byte[] blob, UnpackOptions options) throws IOException {
    return new LayerUnpacker(options).unpack(new ByteArrayInputStream(blob), target);
  }

  private UnpackSummary unpack(byte[] tar) throws IOException {
    return unpack(tar, UnpackOptions.defaults());
  }

  @Test
  void dotDotThatEscapesIsRefused() {
    byte[] tar = new TarBuilder().file("ok", "fine").file("a/../../sentinel/secret", "x").build();

    assertThatThrownBy(() -> unpack(tar))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("a/../../sentinel/secret")
        .hasMessageContaining("escapes");
  }

  @Test
  void absolutePathsAreMadeRelativeToTheTarget() throws IOException {
    String abs = sentinel.resolve("secret").toString();
    unpack(new TarBuilder().file(abs, "inside").file("/../../climb", "root stays root").build());

    assertThat(Files.readString(target.resolve(abs.substring(1)))).isEqualTo("inside");
    assertThat(Files.readString(target.resolve("climb"))).isEqualTo("root stays root");
  }

  @Test
  void writingThroughAnAbsoluteSymlinkToOutsideLandsInsideTheTarget() throws IOException {
    String outside = sentinel.toString();
    unpack(new TarBuilder().symlink("evil", outside).file("evil/secret", "pwned").build());

    assertThat(Files.readSymbolicLink(target.resolve("evil")))
        .as("the link is stored as written")
        .isEqualTo(sentinel);
    assertThat(Files.readString(target.resolve(outside.substring(1)).resolve("secret")))
        .as("followed as if the target were /")
        .isEqualTo("pwned");
  }

  @Test
  void writingThroughADotDotSymlinkToOutsideLandsInsideTheTarget() throws IOException {
    unpack(
        new TarBuilder()
            .directory("d", 0755)
            .symlink("d/up", "../../sentinel/sub")
            .file("d/up/data", "pwned")
            .symlink("d/way-up", "../../../../../../../../..")
            .file("d/way-up/top", "the root's parent is the root")
            .build());

    assertThat(Files.readString(target.resolve("sentinel/sub/data"))).isEqualTo("pwned");
    assertThat(Files.readString(target.resolve("top"))).startsWith("the root's parent");
    assertThat(TreeDigest.listing(target))
        .containsExactly(
            "d", "d/up", "d/way-up", "sentinel", "sentinel/sub", "sentinel/sub/data", "top");
  }

  @Test
  void hardLinkToAFileOutsideIsRefused() {
    byte[] tar = new TarBuilder().hardLink("stolen", "../sentinel/secret").build();

    assertThatThrownBy(() -> unpack(tar))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("stolen");
  }

  @Test
  void hardLinkToAnAbsolutePathOutsideStaysInsideTheTarget() {
    byte[] tar = new TarBuilder().hardLink("stolen", sentinel.resolve("secret").toString()).build();

    assertThatThrownBy(() -> unpack(tar))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("stolen")
        .hasMessageContaining("not in this layer");
    assertThat(target.resolve("stolen")).doesNotExist();
  }

  @Test
  void hardLinkThroughASymlinkToOutsideLooksInsideTheTarget() {
    byte[] tar =
        new TarBuilder()
            .symlink("out", sentinel.toString())
            .hardLink("stolen", "out/secret")
            .build();

    assertThatThrownBy(() -> unpack(tar))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("stolen")
        .hasMessageContaining("not in this layer");
    assertThat(target.resolve("stolen")).doesNotExist();
  }

  @Test
  void hardLinkThroughASymlinkToOutsideLinksTheFileInsideTheTarget() throws IOException {
    String inside = sentinel.resolve("secret").toString().substring(1);
    unpack(
        new TarBuilder()
            .file(inside, "the layer's own copy")
            .symlink("out", sentinel.toString())
            .hardLink("stolen", "out/secret")
            .build());

    FileStat stolen = FileSystemOps.lstat(target.resolve("stolen"));
    assertThat(stolen.ino()).isEqualTo(FileSystemOps.lstat(target.resolve(inside)).ino());
    assertThat(stolen.nlink()).isEqualTo(2);
    assertThat(FileSystemOps.lstat(sentinel.resolve("secret")).nlink()).isEqualTo(1);
  }

  @Test
  void directoryReplacedBySymlinkThenWrittenUnderLandsInsideTheTarget() throws IOException {
    Path outside = sentinel.resolve("sub");
    unpack(
        new TarBuilder()
            .directory("dir", 0755)
            .file("dir/first", "fine")
            .symlink("dir", outside.toString())
            .file("dir/data", "pwned")
            .build());

    assertThat(Files.readSymbolicLink(target.resolve("dir"))).isEqualTo(outside);
    assertThat(Files.readString(target.resolve(outside.toString().substring(1) + "/data")))
        .isEqualTo("pwned");
  }

  @Test
  void symlinkLoopIsRefusedNamingTheEntry() {
    byte[] tar = new TarBuilder().symlink("a", "b").symlink("b", "/a").file("a/x", "never").build();

    assertThatThrownBy(() -> unpack(tar))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("'a/x'")
        .hasMessageContaining("too many levels of symbolic links");
  }

  @Test
  void hardLinkThroughASymlinkLoopIsRefusedNamingTheEntry() {
    byte[] tar = new TarBuilder().symlink("self", "self/.").hardLink("h", "self/f").build();

    assertThatThrownBy(() -> unpack(tar))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("'h'")
        .hasMessageContaining("too many levels of symbolic links");
    assertThat(target.resolve("h")).doesNotExist();
  }

  @Test
  void chainOfOneLinkMoreThanTheHopLimitIsRefused() {
    int links = SymlinkScope.MAX_LINK_HOPS + 1;
    byte[] tar = SymlinkScopeTest.chain(links).file("l1/x", "never").build();

    assertThatThrownBy(() -> unpack(tar))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("'l1/x'")
        .hasMessageContaining("more than " + SymlinkScope.MAX_LINK_HOPS);
  }

  @Test
  void longLinkTextsWalkingTooManyComponentsAreRefused() {
    String detour = "a/../".repeat(800); // 1600 components that lead nowhere, in 4000 bytes
    byte[] tar =
        new TarBuilder()
            .directory("d", 0755)
            .symlink("l1", detour + "l2")
            .symlink("l2", detour + "l3")
            .symlink("l3", detour + "d")
            .file("l1/x", "never")
            .build();

    assertThatThrownBy(() -> unpack(tar))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("'l1/x'")
        .hasMessageContaining(SymlinkScope.MAX_COMPONENTS + " path components");
  }

  @Test
  void deviceNodesAreRefusedWhenNotAllowedButWhiteoutsStillWork() throws IOException {
    UnpackOptions noDevices = UnpackOptions.defaults().withAllowDevices(false);
    unpack(new TarBuilder().file(".wh.gone", "").build(), noDevices);
    assertThat(FileSystemOps.lstat(target.resolve("gone")).isOverlayWhiteout()).isTrue();

    byte[] tar = new TarBuilder().device("dev/sda", TarConstants.LF_BLK, 8, 0).build();
    Files.delete(target.resolve("gone"));
    assertThatThrownBy(() -> unpack(tar, noDevices))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("dev/sda")
        .hasMessageContaining("device");
    assertThat(target.resolve("dev/sda")).doesNotExist();
  }

  @Test
  void entryLargerThanTheLimitIsRefusedBeforeItIsWritten() {
    byte[] tar = new TarBuilder().file("big", new byte[100_000], 0644).build();

    assertThatThrownBy(() -> unpack(tar, UnpackOptions.defaults().withMaxEntryBytes(65_536)))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("big")
        .hasMessageContaining("65536");
    assertThat(target.resolve("big")).doesNotExist();
  }

  @Test
  void decompressionBombIsCutOffAtTheUncompressedLimit() throws IOException {
    long bombSize = 1L << 30;
    byte[] blob = zstdBombOfZeros("bomb", bombSize);
    long limit = 8L << 20;
    CountingStream in = new CountingStream(new ByteArrayInputStream(blob));

    assertThatThrownBy(
            () ->
                new LayerUnpacker(UnpackOptions.defaults().withMaxUncompressedBytes(limit))
                    .unpack(in, target))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("bomb")
        .hasMessageContaining(Long.toString(limit));
    assertThat(Files.size(target.resolve("bomb")))
        .as("aborted early, not after writing everything")
        .isLessThanOrEqualTo(limit);
    assertThat(in.count).as("compressed bytes read").isLessThanOrEqualTo(blob.length);
  }

  @Test
  void decompressionBombIsCutOffAtTheCompressionRatio() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz, 1 << 16)) {
      writeZeroFileTar(out, "ratio-bomb", 256L << 20);
    }
    byte[] blob = gz.toByteArray();

    assertThatThrownBy(() -> unpack(blob, UnpackOptions.defaults().withMaxCompressionRatio(100)))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("ratio-bomb")
        .hasMessageContaining("ratio");
    assertThat(Files.size(target.resolve("ratio-bomb"))).isLessThan(16L << 20);
  }

  @Test
  void hugePaxHeaderIsRefusedWithoutBufferingIt() {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    byte[] header = new byte[512];
    byte[] name = "PaxHeaders/huge".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, header, 0, name.length);
    octal(header, 100, 8, 0644);
    octal(header, 124, 12, 1L << 40);
    header[156] = 'x';
    System.arraycopy(
        "ustar\00000".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, header, 257, 8);
    checksum(header);
    tar.writeBytes(header);

    assertThatThrownBy(() -> unpack(tar.toByteArray()))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("PAX");
  }

  @Test
  void noUnsafePathComesOutOfAMixOfTricks() {
    // each trick alone is tested above; together they still leave the sentinel alone
    List<String> names = List.of("../x", "./../x", "a/./../../x", "a/b/../../../x");
    for (String name : names) {
      assertThatThrownBy(() -> EntryNames.clean(name, name))
          .isInstanceOf(UnsafeArchiveException.class);
    }
  }

  private static byte[] zstdBombOfZeros(String name, long size) throws IOException {
    ByteArrayOutputStream zst = new ByteArrayOutputStream();
    try (OutputStream out = new ZstdOutputStream(zst, 1)) {
      writeZeroFileTar(out, name, size);
    }
    return zst.toByteArray();
  }

  private static void writeZeroFileTar(OutputStream out, String name, long size)
      throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    TarArchiveEntry e = TarBuilder.entry(name, TarConstants.LF_NORMAL);
    e.setSize(size);
    tar.putArchiveEntry(e);
    byte[] zeros = new byte[1 << 20];
    for (long left = size; left > 0; left -= zeros.length) {
      tar.write(zeros, 0, (int) Math.min(zeros.length, left));
    }
    tar.closeArchiveEntry();
    tar.finish();
  }

  private static void octal(byte[] header, int off, int len, long value) {
    String digits = String.format("%0" + (len - 1) + "o", value);
    for (int i = 0; i < len - 1; i++) {
      header[off + i] = (byte) digits.charAt(i);
    }
  }

  private static void checksum(byte[] header) {
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    octal(header, 148, 7, sum);
  }

  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }
  }
}
