package io.berth.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Test images made from local files: nothing can be pulled here. */
final class ImageFixtures {

  /** Debian's static busybox ({@code apt-get install busybox-static}). */
  static final Path BUSYBOX = Path.of("/bin/busybox");

  private ImageFixtures() {}

  /** Whether Debian's static busybox is installed. */
  static boolean busyboxInstalled() {
    return Files.isExecutable(BUSYBOX);
  }

  /** A root filesystem of busybox and its applet links, as the acceptance makes it. */
  static Path busyboxRootfs(Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
    Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").start();
    List<String> applets =
        new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    list.waitFor(10, TimeUnit.SECONDS);
    for (String applet : applets) {
      if (!applet.isBlank() && !applet.equals("busybox")) {
        Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
      }
    }
    for (String d : List.of("etc", "tmp", "proc", "sys", "dev", "root")) {
      Files.createDirectories(dir.resolve(d));
    }
    Files.setPosixFilePermissions(dir.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.writeString(dir.resolve("etc/group"), "root:x:0:\n");
    return dir;
  }

  /** A tar file of a root filesystem made by GNU tar, as a user would. */
  static Path tarOf(Path rootfs, Path tar) throws Exception {
    Process p =
        new ProcessBuilder("tar", "-C", rootfs.toString(), "-cf", tar.toString(), ".")
            .inheritIO()
            .start();
    if (p.waitFor() != 0) {
      throw new IOException("tar failed");
    }
    return tar;
  }

  /** A one-file tar whose only entry climbs out of the root with {@code ..}. */
  static Path climbingTar(Path tar) throws IOException {
    try (OutputStream out = Files.newOutputStream(tar);
        TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
      byte[] payload = "escaped\n".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry =
          new TarArchiveEntry("../../../../../tmp/berth-escaped-by-import", true);
      entry.setSize(payload.length);
      entry.setMode(0644);
      archive.putArchiveEntry(entry);
      archive.write(payload);
      archive.closeArchiveEntry();
    }
    return tar;
  }

  /** A one-file tar with a label file, for a second image. */
  static Path oneFileTar(Path tar, String name, String content) throws IOException {
    try (OutputStream out = Files.newOutputStream(tar);
        TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
      byte[] payload = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(payload.length);
      entry.setMode(0644);
      archive.putArchiveEntry(entry);
      archive.write(payload);
      archive.closeArchiveEntry();
    }
    return tar;
  }
}
