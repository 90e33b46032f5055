package io.berth.container.linux;

import static io.berth.container.linux.LinuxConstants.O_CLOEXEC;
import static io.berth.container.linux.LinuxConstants.O_PATH;
import static io.berth.container.linux.LinuxConstants.O_RDONLY;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One thread's way home: descriptors for the namespaces its children are created in, and for its
 * working directory, opened before it unshares so that setns(2) can bring it back afterwards.
 *
 * <p>setns(2) into a mount namespace also moves the thread's root and working directory to that
 * namespace's root, so {@link #restore} puts the working directory back too. Only the thread that
 * saved may restore: {@code /proc/thread-self} and the namespaces are per thread.
 * https://man7.org/linux/man-pages/man2/setns.2.html
 */
final class SavedNamespaces implements AutoCloseable {

  private final Thread owner;
  private final int[] namespaceFds;
  private final int workingDirectoryFd;

  private SavedNamespaces(Thread owner, int[] namespaceFds, int workingDirectoryFd) {
    this.owner = owner;
    this.namespaceFds = namespaceFds;
    this.workingDirectoryFd = workingDirectoryFd;
  }

  /** Saves where the calling thread's new children would go now, for every {@link Namespace}. */
  static SavedNamespaces ofCurrentThread() {
    Namespace[] namespaces = Namespace.values();
    List<Integer> opened = new ArrayList<>();
    try {
      int[] fds = new int[namespaces.length];
      for (Namespace namespace : namespaces) {
        String path = "/proc/thread-self/ns/" + namespace.childrenProcName();
        // Not O_PATH: setns(2) refuses such descriptors (EBADF); fchdir(2) accepts them.
        fds[namespace.ordinal()] = Linux.open(path, O_RDONLY | O_CLOEXEC, 0);
        opened.add(fds[namespace.ordinal()]);
      }
      int workingDirectory = Linux.open(".", O_PATH | O_CLOEXEC, 0);
      return new SavedNamespaces(Thread.currentThread(), fds, workingDirectory);
    } catch (RuntimeException e) {
      for (int i = opened.size() - 1; i >= 0; i--) {
        closeQuietly(opened.get(i), e);
      }
      throw e;
    }
  }

  /**
   * Moves the calling thread back into the saved namespaces among {@code changed}, and (when the
   * mount namespace changed) back to the saved working directory.
   */
  void restore(Set<Namespace> changed) {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("namespaces saved on " + owner + " restored on another");
    }
    for (Namespace namespace : changed) {
      Linux.setns(namespaceFds[namespace.ordinal()], namespace.flag());
    }
    if (changed.contains(Namespace.MOUNT)) {
      Linux.fchdir(workingDirectoryFd);
    }
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    int[] all = new int[namespaceFds.length + 1];
    System.arraycopy(namespaceFds, 0, all, 0, namespaceFds.length);
    all[namespaceFds.length] = workingDirectoryFd;
    for (int i = all.length - 1; i >= 0; i--) {
      try {
        Linux.close(all[i]);
      } catch (RuntimeException e) {
        failure = failure == null ? e : addSuppressed(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void closeQuietly(int fd, RuntimeException cause) {
    try {
      Linux.close(fd);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static RuntimeException addSuppressed(RuntimeException first, RuntimeException next) {
    first.addSuppressed(next);
    return first;
  }
}
