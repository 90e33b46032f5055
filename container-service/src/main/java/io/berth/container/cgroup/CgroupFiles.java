package io.berth.container.cgroup;

import io.berth.events.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Reads and writes cgroup interface files, turning every I/O error into a {@link CgroupException}
 * that names the file and the value.
 *
 * <p>File formats follow <a
 * href="https://docs.kernel.org/admin-guide/cgroup-v2.html#interface-files">cgroup-v2, "Interface
 * Files"</a>: a single value, a flat-keyed "key value" list, or newline-separated values; {@code
 * max} means no limit.
 */
final class CgroupFiles {

  private CgroupFiles() {}

  /** The file's content without the trailing newline. */
  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw failure("cannot read", null, file, e);
    }
  }

  /** A file holding one number. */
  static long readLong(Path file) {
    return parseLong(file, read(file));
  }

  /** A file holding a number or {@code max}; empty for {@code max}. */
  static OptionalLong readLimit(Path file) {
    String value = read(file);
    return value.equals("max") ? OptionalLong.empty() : OptionalLong.of(parseLong(file, value));
  }

  /** A flat-keyed file such as {@code cgroup.events}, {@code memory.events} or {@code cpu.stat}. */
  static Map<String, Long> readKeyed(Path file) {
    Map<String, Long> values = new HashMap<>();
    for (String line : read(file).split("\n")) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length == 2) {
        values.put(parts[0], parseLong(file, parts[1]));
      }
    }
    return values;
  }

  /** One key of a flat-keyed file, which must be there. */
  static long readKey(Path file, String key) {
    Long value = readKeyed(file).get(key);
    if (value == null) {
      throw new CgroupException(ErrorCode.INTERNAL, "no \"" + key + "\" in " + file, file, null);
    }
    return value;
  }

  /** A newline-separated list of pids, as {@code cgroup.procs}. */
  static List<Long> readPids(Path file) {
    List<Long> pids = new ArrayList<>();
    for (String line : read(file).split("\n")) {
      if (!line.isBlank()) {
        pids.add(parseLong(file, line.strip()));
      }
    }
    return pids;
  }

  /** Writes one value in one {@code write(2)}, as the kernel wants it. */
  static void write(Path file, String value) {
    try {
      Files.writeString(file, value, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw failure("cannot write", value, file, e);
    }
  }

  /** Creates a cgroup directory; {@code ALREADY_EXISTS} when it is there. */
  static void mkdir(Path dir) {
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw new CgroupException(
          ErrorCode.ALREADY_EXISTS, "cgroup " + dir + " already exists", dir, e);
    } catch (IOException e) {
      throw failure("cannot create", null, dir, e);
    }
  }

  /** Creates a directory and its missing parents. */
  static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw failure("cannot create", null, dir, e);
    }
  }

  /**
   * Removes a cgroup directory with {@code rmdir(2)} (its interface files go with it).
   *
   * @return whether it was there
   */
  static boolean rmdir(Path dir) {
    try {
      return Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException e) {
      throw new CgroupException(
          ErrorCode.FAILED_PRECONDITION, "cgroup " + dir + " still has child cgroups", dir, e);
    } catch (IOException e) {
      throw failure("cannot remove", null, dir, e);
    }
  }

  /** The names of the child cgroups of a directory; none when it is missing. */
  static List<String> children(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw failure("cannot list", null, dir, e);
    }
  }

  private static long parseLong(Path file, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new CgroupException(
          ErrorCode.INTERNAL, "unexpected value \"" + value + "\" in " + file, file, e);
    }
  }

  /** The error category for an errno, which Java hands over as strerror's text. */
  private static CgroupException failure(String verb, String value, Path file, IOException e) {
    String reason;
    if (e instanceof NoSuchFileException) {
      reason = "No such file or directory";
    } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
      reason = fse.getReason();
    } else {
      reason = String.valueOf(e.getMessage());
    }
    ErrorCode code =
        switch (reason) {
          case "Invalid argument", "Numerical result out of range" -> ErrorCode.INVALID_ARGUMENT;
          case "No such process" -> ErrorCode.NOT_FOUND;
          case "Device or resource busy", "Operation not supported", "No space left on device" ->
              ErrorCode.FAILED_PRECONDITION;
          case "No such file or directory" -> ErrorCode.NOT_FOUND;
          default -> ErrorCode.INTERNAL;
        };
    String what = value == null ? "" : " \"" + value + "\" to";
    return new CgroupException(code, verb + what + " " + file + ": " + reason, file, e);
  }
}
