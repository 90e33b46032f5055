package io.berth.container.cgroup;

import io.berth.events.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One line of {@code /proc/<pid>/mountinfo}, the fields cgroup detection needs; see <a
 * href="https://man7.org/linux/man-pages/man5/proc_pid_mountinfo.5.html">proc_pid_mountinfo(5)</a>
 * for the format.
 *
 * @param root the directory of the file system that is mounted here ({@code /} for its root)
 * @param mountPoint where it is mounted
 * @param fsType the file system type, such as {@code cgroup} or {@code cgroup2}
 * @param superOptions the per-superblock options; for cgroup v1 they name the controllers
 */
record MountInfo(String root, Path mountPoint, String fsType, Set<String> superOptions) {

  MountInfo {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(mountPoint, "mountPoint");
    Objects.requireNonNull(fsType, "fsType");
    superOptions = Set.copyOf(superOptions);
  }

  /** The mounts listed in a mountinfo file. */
  static List<MountInfo> read(Path mountinfo) {
    try {
      return parse(Files.readAllLines(mountinfo, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CgroupException(
          ErrorCode.UNAVAILABLE, "cannot read " + mountinfo + ": " + e.getMessage(), mountinfo, e);
    }
  }

  /** The mounts of mountinfo lines, skipping blank ones. */
  static List<MountInfo> parse(List<String> lines) {
    List<MountInfo> mounts = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        mounts.add(parseLine(line));
      }
    }
    return mounts;
  }

  /**
   * Fields: mount id, parent id, major:minor, root, mount point, mount options, optional fields
   * ending with "-", file system type, source, super options.
   */
  static MountInfo parseLine(String line) {
    String[] fields = line.strip().split(" ");
    int separator = Arrays.asList(fields).indexOf("-");
    if (fields.length < 7 || separator < 6 || fields.length < separator + 4) {
      throw new CgroupException(ErrorCode.INTERNAL, "malformed mountinfo line: " + line);
    }
    return new MountInfo(
        unescape(fields[3]),
        Path.of(unescape(fields[4])),
        fields[separator + 1],
        Set.copyOf(Arrays.asList(fields[separator + 3].split(","))));
  }

  /** Undoes the kernel's octal escapes of space, tab, newline and backslash ({@code \040}). */
  static String unescape(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String field, int from) {
    for (int i = from; i < from + 3; i++) {
      if (i >= field.length() || field.charAt(i) < '0' || field.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
