package io.berth.layer.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemOpsTest {

  @TempDir Path dir;

  @BeforeAll
  static void needsRoot() {
    assumeTrue(
        new com.sun.security.auth.module.UnixSystem().getUid() == 0,
        "skipped: mknod, lchown and trusted.* xattrs need root; run the build as root");
  }

  @Test
  void mknodCreatesCharacterAndBlockDevicesAndFifos() throws IOException {
    FileSystemOps.mknod(dir.resolve("null"), FileStat.S_IFCHR | 0666, 1, 3);
    FileSystemOps.mknod(dir.resolve("big"), FileStat.S_IFBLK | 0600, 259, 70000);
    FileSystemOps.mknod(dir.resolve("fifo"), FileStat.S_IFIFO | 0600, 0, 0);

    FileStat nul = FileSystemOps.lstat(dir.resolve("null"));
    assertThat(nul.type()).isEqualTo(FileStat.S_IFCHR);
    assertThat(nul.rdevMajor()).isEqualTo(1);
    assertThat(nul.rdevMinor()).isEqualTo(3);
    FileStat big = FileSystemOps.lstat(dir.resolve("big"));
    assertThat(big.type()).isEqualTo(FileStat.S_IFBLK);
    assertThat(big.rdevMajor()).isEqualTo(259);
    assertThat(big.rdevMinor()).as("minor above 255 uses the high dev_t bits").isEqualTo(70000);
    assertThat(FileSystemOps.lstat(dir.resolve("fifo")).type()).isEqualTo(FileStat.S_IFIFO);
  }

  @Test
  void extendedAttributesInEachNamespaceRoundTripAsRawBytes() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "x");
    // VFS_CAP_REVISION_2 granting CAP_NET_BIND_SERVICE, see capabilities(7)
    byte[] capability = {0, 0, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    FileSystemOps.lsetxattr(file, "security.capability", capability);
    FileSystemOps.lsetxattr(file, "trusted.overlay.opaque", new byte[] {'y'});
    FileSystemOps.lsetxattr(file, "user.binary", new byte[] {0, (byte) 0xff, 10});

    assertThat(FileSystemOps.lgetxattr(file, "security.capability")).contains(capability);
    assertThat(FileSystemOps.lgetxattr(file, "trusted.overlay.opaque"))
        .hasValueSatisfying(v -> assertThat(v).containsExactly('y'));
    assertThat(FileSystemOps.lgetxattr(file, "user.binary"))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(0, 0xff, 10));
    assertThat(FileSystemOps.lgetxattr(file, "user.absent")).isEmpty();
    assertThat(FileSystemOps.llistxattr(file))
        .contains("security.capability", "trusted.overlay.opaque", "user.binary");
  }

  @Test
  void lchownAndUtimensatChangeASymlinkItselfNotItsTarget() throws IOException {
    Path target = Files.writeString(dir.resolve("target"), "x");
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    FileStat before = FileSystemOps.lstat(target);
    FileTime time = FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z"));

    FileSystemOps.lchown(link, 4321, 8765);
    FileSystemOps.utimensat(link, time, time);

    FileStat linkStat = FileSystemOps.lstat(link);
    assertThat(linkStat.uid()).isEqualTo(4321);
    assertThat(linkStat.gid()).isEqualTo(8765);
    assertThat(linkStat.lastModifiedTime()).isEqualTo(time);
    FileStat after = FileSystemOps.lstat(target);
    assertThat(after.uid()).isEqualTo(before.uid());
    assertThat(after.lastModifiedTime()).isEqualTo(before.lastModifiedTime());
  }

  @Test
  void chmodKeepsSetuidSetgidAndSticky() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "x");
    FileSystemOps.chmod(file, 07755);
    assertThat(FileSystemOps.lstat(file).permissions()).isEqualTo(07755);
  }

  @Test
  void umaskReturnsThePreviousMask() {
    int previous = FileSystemOps.umask(027);
    try {
      assertThat(FileSystemOps.umask(previous)).isEqualTo(027);
    } finally {
      FileSystemOps.umask(previous);
    }
  }

  @Test
  void failuresNameTheCallThePathAndErrno() throws IOException {
    Path existing = Files.writeString(dir.resolve("exists"), "x");

    assertThatThrownBy(() -> FileSystemOps.mknod(existing, FileStat.S_IFIFO | 0600, 0, 0))
        .isInstanceOfSatisfying(
            PosixException.class,
            e -> {
              assertThat(e.call()).isEqualTo("mknod");
              assertThat(e.path()).isEqualTo(existing.toString());
              assertThat(e.errno()).isEqualTo(17); // EEXIST
              assertThat(e.getMessage()).contains("mknod(" + existing + ")").contains("exists");
            });
    assertThatThrownBy(() -> FileSystemOps.lchown(dir.resolve("missing"), 0, 0))
        .isInstanceOf(PosixException.class)
        .hasMessageContaining("lchown")
        .hasMessageContaining("No such file");
  }

  @Test
  void deviceNumbersPackLikeGlibc() {
    assertThat(DeviceNumbers.makedev(8, 1)).isEqualTo(0x801L);
    long dev = DeviceNumbers.makedev(0x12345, 0x6789ab);
    assertThat(DeviceNumbers.major(dev)).isEqualTo(0x12345);
    assertThat(DeviceNumbers.minor(dev)).isEqualTo(0x6789ab);
    assertThat("ok".getBytes(StandardCharsets.UTF_8)).hasSize(2);
  }
}
