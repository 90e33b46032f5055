package io.berth.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Best-effort answer to "which process listens on this TCP port?" through {@code /proc}. */
public final class PortOwner {

  private static final String LISTEN = "0A";

  private PortOwner() {}

  /** A short description such as {@code "pid 4242 (python3 -m http.server 2375)"}, if found. */
  public static Optional<String> describe(int port) {
    Set<String> inodes = listeningInodes(port);
    if (inodes.isEmpty()) {
      return Optional.empty();
    }
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        if (ownsAny(proc, inodes)) {
          long pid = Long.parseLong(name);
          String cmd = Procs.commandLine(pid).orElse("?");
          if (cmd.length() > 120) {
            cmd = cmd.substring(0, 117) + "...";
          }
          return Optional.of("pid " + pid + " (" + cmd + ")");
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean ownsAny(Path proc, Set<String> inodes) {
    try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")
              && inodes.contains(target.substring(8, target.length() - 1))) {
            return true;
          }
        } catch (IOException ignored) {
          // The descriptor closed meanwhile.
        }
      }
    } catch (IOException | SecurityException e) {
      return false;
    }
    return false;
  }

  /** Socket inodes listening on {@code port} (IPv4 or IPv6, any address). */
  static Set<String> listeningInodes(int port) {
    Set<String> inodes = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          parseListening(line, port).ifPresent(inodes::add);
        }
      } catch (IOException ignored) {
        // No such table.
      }
    }
    return inodes;
  }

  /** The inode of a {@code /proc/net/tcp} line if it is a socket listening on {@code port}. */
  static Optional<String> parseListening(String line, int port) {
    String[] f = line.trim().split("\\s+");
    if (f.length < 10 || !f[0].endsWith(":")) {
      return Optional.empty();
    }
    String local = f[1];
    int colon = local.lastIndexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    try {
      int localPort = Integer.parseInt(local.substring(colon + 1), 16);
      if (localPort == port && LISTEN.equals(f[3])) {
        return Optional.of(f[9]);
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
