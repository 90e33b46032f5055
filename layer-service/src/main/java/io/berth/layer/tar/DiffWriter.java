package io.berth.layer.tar;

import io.berth.layer.fs.FileStat;
import io.berth.layer.fs.FileSystemOps;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Turns an overlayfs upper directory into an uncompressed layer tar, deterministically: the same
 * tree (contents, modes, owners, whole-second mtimes, xattrs) always gives the same bytes.
 *
 * <p>The walk is depth first, each directory's children sorted bytewise by their names in the tar,
 * so a directory comes before its contents. Overlay whiteouts (0/0 character devices) become OCI
 * {@code .wh.<name>} files and an opaque directory gets a {@code .wh..wh..opq} entry right after
 * its own (OCI image spec, layer.md "Whiteouts"). {@code trusted.overlay.*} xattrs are overlay's
 * bookkeeping and are left out. The upper directory is expected to come from a mount without {@code
 * redirect_dir} or {@code metacopy}, as Docker and containerd mount overlays.
 *
 * <p>The empty files a container runtime makes to mount the generated {@code etc/hostname}, {@code
 * etc/hosts} and {@code etc/resolv.conf} on (when the image has none), and the {@code proc}, {@code
 * sys} and {@code dev} directories it mounts on, are left out: Docker keeps them in an init layer
 * that no commit or build step sees. Writes to those files go to the mounted files, so an empty
 * file there is always such a mount point.
 */
public final class DiffWriter {

  private static final int COPY_BUFFER = 1 << 20;

  /** Mount points of the files a container runtime generates, as tar names. */
  private static final java.util.Set<String> MOUNT_POINTS =
      java.util.Set.of("etc/hostname", "etc/hosts", "etc/resolv.conf");

  /**
   * Directories the runtime mounts file systems on ({@code /proc}, {@code /sys}, {@code /dev}): in
   * an upper directory they can only be the mount points the runtime made when the image had none,
   * which Docker's init layer hides too.
   */
  private static final java.util.Set<String> MOUNT_DIRS = java.util.Set.of("proc", "sys", "dev");

  private final TarWriter tar;
  private final Map<String, String> firstPathOfInode = new HashMap<>();
  private final byte[] buffer = new byte[COPY_BUFFER];

  private DiffWriter(OutputStream out) {
    this.tar = new TarWriter(out);
  }

  /**
   * Writes the layer tar of {@code upperDir} to {@code out}.
   *
   * @param upperDir an overlay upper directory (or any directory tree), not changing meanwhile
   * @param out where the tar goes; flushed, not closed
   * @return the DiffID and size of the tar
   * @throws IOException if the tree cannot be read or {@code out} cannot be written
   */
  public static DiffResult write(Path upperDir, OutputStream out) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    long[] size = {0};
    OutputStream counting =
        new FilterOutputStream(new DigestOutputStream(out, sha256)) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            size[0] += len;
          }

          @Override
          public void write(int b) throws IOException {
            out.write(b);
            size[0]++;
          }
        };
    BufferedOutputStream buffered = new BufferedOutputStream(counting, 1 << 16);
    DiffWriter writer = new DiffWriter(buffered);
    writer.directoryContents(upperDir, "");
    writer.tar.finish();
    buffered.flush();
    return new DiffResult("sha256:" + HexFormat.of().formatHex(sha256.digest()), size[0]);
  }

  private void directoryContents(Path dir, String prefix) throws IOException {
    TreeMap<byte[], Child> children = new TreeMap<>(Arrays::compareUnsigned);
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path path : stream) {
        FileStat stat = FileSystemOps.lstat(path);
        String name = path.getFileName().toString();
        if (isMountPoint(prefix + name, stat)) {
          continue;
        }
        String tarName = stat.isOverlayWhiteout() ? Whiteouts.PREFIX + name : name;
        children.put(tarName.getBytes(StandardCharsets.UTF_8), new Child(path, stat, tarName));
      }
    }
    for (Child child : children.values()) {
      String name = prefix + child.tarName();
      if (child.stat().isDirectory()) {
        tar.putEntry(entry(child, name + "/", TarEntry.TYPE_DIRECTORY, 0, ""));
        if (isOpaque(child.path())) {
          TarEntry marker = entry(child, name + "/" + Whiteouts.OPAQUE_MARKER, '0', 0, "");
          tar.putEntry(withoutXattrs(marker));
        }
        directoryContents(child.path(), name + "/");
      } else {
        file(child, name);
      }
    }
  }

  private void file(Child child, String name) throws IOException {
    FileStat stat = child.stat();
    if (stat.isOverlayWhiteout()) {
      tar.putEntry(withoutXattrs(entry(child, name, TarEntry.TYPE_REGULAR, 0, "")));
      return;
    }
    if (stat.nlink() > 1) {
      String inode = stat.dev() + ":" + stat.ino();
      String first = firstPathOfInode.putIfAbsent(inode, name);
      if (first != null) {
        tar.putEntry(entry(child, name, TarEntry.TYPE_HARD_LINK, 0, first));
        return;
      }
    }
    switch (stat.type()) {
      case FileStat.S_IFREG -> {
        tar.putEntry(entry(child, name, TarEntry.TYPE_REGULAR, stat.size(), ""));
        copy(child.path(), stat.size());
      }
      case FileStat.S_IFLNK -> {
        String target = Files.readSymbolicLink(child.path()).toString();
        tar.putEntry(entry(child, name, TarEntry.TYPE_SYMLINK, 0, target));
      }
      case FileStat.S_IFCHR -> tar.putEntry(entry(child, name, TarEntry.TYPE_CHAR_DEVICE, 0, ""));
      case FileStat.S_IFBLK -> tar.putEntry(entry(child, name, TarEntry.TYPE_BLOCK_DEVICE, 0, ""));
      case FileStat.S_IFIFO -> tar.putEntry(entry(child, name, TarEntry.TYPE_FIFO, 0, ""));
      default -> {
        // sockets cannot be archived; Docker skips them as well
      }
    }
  }

  private TarEntry entry(Child child, String name, char type, long size, String link)
      throws IOException {
    FileStat stat = child.stat();
    boolean device = type == TarEntry.TYPE_CHAR_DEVICE || type == TarEntry.TYPE_BLOCK_DEVICE;
    // Whole seconds: sub-second times would make equal trees hash differently across file systems.
    FileTime mtime =
        FileTime.from(stat.lastModifiedTime().toInstant().getEpochSecond(), TimeUnit.SECONDS);
    return new TarEntry(
        name,
        type,
        stat.permissions(),
        stat.uid(),
        stat.gid(),
        size,
        mtime,
        null,
        link,
        device ? stat.rdevMajor() : 0,
        device ? stat.rdevMinor() : 0,
        type == TarEntry.TYPE_HARD_LINK ? Map.of() : xattrs(child.path()));
  }

  private static TarEntry withoutXattrs(TarEntry e) {
    return new TarEntry(
        e.name(),
        e.type(),
        e.mode(),
        e.uid(),
        e.gid(),
        e.size(),
        e.mtime(),
        e.atime(),
        e.linkName(),
        e.devMajor(),
        e.devMinor(),
        Map.of());
  }

  private static Map<String, byte[]> xattrs(Path path) throws IOException {
    List<String> names = new ArrayList<>(FileSystemOps.llistxattr(path));
    Map<String, byte[]> xattrs = new TreeMap<>();
    for (String name : names) {
      if (!name.startsWith(Whiteouts.OVERLAY_XATTR_PREFIX)) {
        FileSystemOps.lgetxattr(path, name).ifPresent(value -> xattrs.put(name, value));
      }
    }
    return xattrs;
  }

  private static boolean isMountPoint(String name, FileStat stat) throws IOException {
    if (MOUNT_DIRS.contains(name) && stat.isDirectory()) {
      return true;
    }
    return MOUNT_POINTS.contains(name) && stat.type() == FileStat.S_IFREG && stat.size() == 0;
  }

  private static boolean isOpaque(Path dir) throws IOException {
    return FileSystemOps.lgetxattr(dir, Whiteouts.OVERLAY_OPAQUE_XATTR)
        .map(v -> Arrays.equals(v, Whiteouts.OPAQUE_VALUE))
        .orElse(false);
  }

  private void copy(Path path, long size) throws IOException {
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
      long left = size;
      while (left > 0) {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, left));
        int n = in.read(chunk);
        if (n < 0) {
          throw new EOFException(path + " shrank while it was being archived");
        }
        tar.write(buffer, 0, n);
        left -= n;
      }
    }
  }

  private record Child(Path path, FileStat stat, String tarName) {}
}
