package io.berth.launcher.keeper;

import io.berth.launcher.linux.Linux;
import io.berth.launcher.linux.LinuxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File descriptors duplicated out of another process with pidfd_getfd(2) and kept open here under a
 * key (a container or exec id), so that a pipe keeps a reader, or a pty master stays open, while
 * the process that owns them restarts. Thread-safe; {@link #close()} closes every one.
 */
public final class HeldFds implements AutoCloseable {

  /** The pipe capacity asked for with F_SETPIPE_SZ (the default /proc/sys/fs/pipe-max-size). */
  public static final int PIPE_SIZE = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(HeldFds.class);

  private final Map<String, int[]> held = new TreeMap<>();

  /**
   * Duplicates {@code fds} of process {@code pid} into this process and keeps them under {@code
   * key}, replacing (and closing) what the key held before. The copies are close-on-exec and, for
   * pipes, enlarged to {@link #PIPE_SIZE}.
   *
   * @return the descriptors in this process, in the order of {@code fds}
   * @throws LinuxException when the process or one of its descriptors cannot be reached (nothing is
   *     kept then)
   */
  public int[] hold(String key, long pid, int... fds) {
    requireKey(key);
    if (fds.length == 0) {
      throw new IllegalArgumentException("no file descriptors to hold");
    }
    int[] copies = new int[fds.length];
    int copied = 0;
    int pidfd = Linux.pidfdOpen(pid);
    try {
      for (; copied < fds.length; copied++) {
        copies[copied] = Linux.pidfdGetfd(pidfd, fds[copied]);
        Linux.fcntl(copies[copied], Linux.F_SETFD, Linux.FD_CLOEXEC);
        enlargePipe(copies[copied]);
      }
    } catch (RuntimeException e) {
      for (int i = 0; i < copied; i++) {
        closeQuietly(copies[i]);
      }
      throw e;
    } finally {
      closeQuietly(pidfd);
    }
    int[] previous;
    synchronized (held) {
      previous = held.put(key, copies);
    }
    closeAll(previous);
    return copies.clone();
  }

  /** Closes what {@code key} holds; returns false when it held nothing. */
  public boolean release(String key) {
    int[] fds;
    synchronized (held) {
      fds = held.remove(key);
    }
    closeAll(fds);
    return fds != null;
  }

  /** A copy of everything held, by key. */
  public Map<String, List<Integer>> list() {
    Map<String, List<Integer>> copy = new TreeMap<>();
    synchronized (held) {
      held.forEach(
          (key, fds) -> {
            List<Integer> list = new ArrayList<>();
            for (int fd : fds) {
              list.add(fd);
            }
            copy.put(key, List.copyOf(list));
          });
    }
    return copy;
  }

  /** Closes everything held. */
  @Override
  public void close() {
    List<int[]> all;
    synchronized (held) {
      all = new ArrayList<>(held.values());
      held.clear();
    }
    all.forEach(HeldFds::closeAll);
  }

  /** A key is one word of printable ASCII (the protocol separates words with spaces). */
  static void requireKey(String key) {
    if (key == null || key.isEmpty() || !key.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new IllegalArgumentException("invalid key: " + key);
    }
  }

  /** A pipe's buffer is its reserve while nobody reads; a pty master refuses, which is fine. */
  private static void enlargePipe(int fd) {
    try {
      Linux.fcntl(fd, Linux.F_SETPIPE_SZ, PIPE_SIZE);
    } catch (LinuxException e) {
      if (e.errno() != Linux.EBADF && e.errno() != Linux.EINVAL) {
        LOG.warn("Cannot enlarge the pipe behind fd {}: {}", fd, e.getMessage());
      }
    }
  }

  private static void closeAll(int[] fds) {
    if (fds != null) {
      for (int fd : fds) {
        closeQuietly(fd);
      }
    }
  }

  private static void closeQuietly(int fd) {
    try {
      Linux.close(fd);
    } catch (LinuxException e) {
      LOG.warn("close({}) failed: {}", fd, e.getMessage());
    }
  }
}
