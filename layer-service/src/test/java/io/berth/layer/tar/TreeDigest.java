package io.berth.layer.tar;

import io.berth.layer.fs.FileStat;
import io.berth.layer.fs.FileSystemOps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A sha256 over a sorted walk of a tree below its root: names, types, modes, owners, contents, link
 * targets.
 */
final class TreeDigest {

  private TreeDigest() {}

  static String of(Path root) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(root)) {
        paths = walk.filter(p -> !p.equals(root)).sorted().collect(Collectors.toList());
      }
      for (Path path : paths) {
        FileStat stat = FileSystemOps.lstat(path);
        String line =
            root.relativize(path)
                + " "
                + Integer.toOctalString(stat.mode())
                + " "
                + stat.uid()
                + ":"
                + stat.gid()
                + " "
                + stat.lastModifiedTime()
                + "\n";
        sha.update(line.getBytes(StandardCharsets.UTF_8));
        if (stat.isRegularFile()) {
          sha.update(Files.readAllBytes(path));
        } else if (stat.isSymbolicLink()) {
          sha.update(Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every path under {@code root}, relative, sorted (without following links). */
  static List<String> listing(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root))
          .map(p -> root.relativize(p).toString())
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
