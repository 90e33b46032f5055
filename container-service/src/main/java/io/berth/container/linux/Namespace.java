package io.berth.container.linux;

import static io.berth.container.linux.LinuxConstants.CLONE_NEWCGROUP;
import static io.berth.container.linux.LinuxConstants.CLONE_NEWIPC;
import static io.berth.container.linux.LinuxConstants.CLONE_NEWNET;
import static io.berth.container.linux.LinuxConstants.CLONE_NEWNS;
import static io.berth.container.linux.LinuxConstants.CLONE_NEWPID;
import static io.berth.container.linux.LinuxConstants.CLONE_NEWUSER;
import static io.berth.container.linux.LinuxConstants.CLONE_NEWUTS;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The namespaces one JVM thread may unshare for itself (namespaces(7)); the user namespace is not
 * among them, because unshare(2) refuses CLONE_NEWUSER to a multi-threaded process.
 */
public enum Namespace {
  MOUNT(CLONE_NEWNS, "CLONE_NEWNS", "mnt", "mnt"),
  UTS(CLONE_NEWUTS, "CLONE_NEWUTS", "uts", "uts"),
  IPC(CLONE_NEWIPC, "CLONE_NEWIPC", "ipc", "ipc"),
  NET(CLONE_NEWNET, "CLONE_NEWNET", "net", "net"),
  CGROUP(CLONE_NEWCGROUP, "CLONE_NEWCGROUP", "cgroup", "cgroup"),
  /** unshare(2) moves only the thread's future children; the thread itself stays where it was. */
  PID(CLONE_NEWPID, "CLONE_NEWPID", "pid", "pid_for_children");

  private final int flag;
  private final String flagName;
  private final String procName;
  private final String childrenProcName;

  Namespace(int flag, String flagName, String procName, String childrenProcName) {
    this.flag = flag;
    this.flagName = flagName;
    this.procName = procName;
    this.childrenProcName = childrenProcName;
  }

  /** The CLONE_NEW* flag for unshare(2) and setns(2). */
  public int flag() {
    return flag;
  }

  /** The entry in {@code /proc/<pid>/ns/} that shows which namespace a process is in. */
  public String procName() {
    return procName;
  }

  /**
   * The entry in {@code /proc/thread-self/ns/} that a thread's new children will be in: it differs
   * from {@link #procName()} only for the pid namespace ({@code pid_for_children}).
   */
  public String childrenProcName() {
    return childrenProcName;
  }

  /** The CLONE_NEW* flags of {@code namespaces}, or'ed together. */
  public static int flags(Set<Namespace> namespaces) {
    int flags = 0;
    for (Namespace namespace : namespaces) {
      flags |= namespace.flag;
    }
    return flags;
  }

  /** {@code flags} as a person reads them, {@code CLONE_NEWPID|CLONE_NEWNS}. */
  static String describe(int flags) {
    List<String> names = new ArrayList<>();
    int rest = flags;
    for (Namespace namespace : values()) {
      if ((rest & namespace.flag) != 0) {
        names.add(namespace.flagName);
        rest &= ~namespace.flag;
      }
    }
    if ((rest & CLONE_NEWUSER) != 0) {
      names.add("CLONE_NEWUSER");
      rest &= ~CLONE_NEWUSER;
    }
    if (rest != 0 || names.isEmpty()) {
      names.add("0x" + Integer.toHexString(rest));
    }
    return String.join("|", names);
  }
}
