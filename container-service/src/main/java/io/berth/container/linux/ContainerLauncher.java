package io.berth.container.linux;

import static io.berth.container.linux.LinuxConstants.CLONE_NEWCGROUP;
import static io.berth.container.linux.LinuxConstants.CLONE_NEWIPC;
import static io.berth.container.linux.LinuxConstants.CLONE_NEWNET;
import static io.berth.container.linux.LinuxConstants.CLONE_NEWNS;
import static io.berth.container.linux.LinuxConstants.CLONE_NEWPID;
import static io.berth.container.linux.LinuxConstants.CLONE_NEWUTS;
import static io.berth.container.linux.LinuxConstants.MNT_DETACH;
import static io.berth.container.linux.LinuxConstants.MS_BIND;
import static io.berth.container.linux.LinuxConstants.MS_NODEV;
import static io.berth.container.linux.LinuxConstants.MS_NOEXEC;
import static io.berth.container.linux.LinuxConstants.MS_NOSUID;
import static io.berth.container.linux.LinuxConstants.MS_PRIVATE;
import static io.berth.container.linux.LinuxConstants.MS_RDONLY;
import static io.berth.container.linux.LinuxConstants.MS_REC;
import static io.berth.container.linux.LinuxConstants.MS_REMOUNT;
import static io.berth.container.linux.LinuxConstants.O_CLOEXEC;
import static io.berth.container.linux.LinuxConstants.O_NOCTTY;
import static io.berth.container.linux.LinuxConstants.O_NONBLOCK;
import static io.berth.container.linux.LinuxConstants.O_RDONLY;
import static io.berth.container.linux.LinuxConstants.O_RDWR;
import static io.berth.container.linux.LinuxConstants.O_WRONLY;
import static io.berth.container.linux.LinuxConstants.SIGKILL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Starts a container's first process in new pid, mount, UTS, IPC, cgroup and (unless it shares the
 * host's) network namespaces, on a pivot_root'ed overlay root with Docker's mounts, capabilities
 * and masked paths, without a helper process, without C and without JVM start-up.
 *
 * <p>Each start runs on a fresh, disposable thread that makes itself the container: it joins the
 * cgroup (v1), unshares the namespaces, mounts the overlay and pivots into it, mounts {@code /dev},
 * {@code /sys} and the generated {@code /etc} files, sets the hostname, drops the bounding set,
 * sets no_new_privs, takes the container's credentials and capabilities (all per thread), and calls
 * posix_spawn(3): the child inherits all of it and is pid 1. The thread never returns to the host's
 * namespaces; it ends.
 *
 * <p>{@code /proc} must belong to the new pid namespace, which exists only once its first process
 * does, so the child's first file action opens a FIFO in its {@code /dev} and blocks there, before
 * it executes anything. Meanwhile the launcher's mounter thread (still privileged, in the host's
 * namespaces) makes a procfs for that pid namespace (fsopen(2) with {@code pidns}), enters the
 * container's mount namespace, moves it onto {@code /proc}, masks and write-protects Docker's
 * {@code /proc} paths, and opens the FIFO's other end: the child goes on and executes the command.
 */
public final class ContainerLauncher implements AutoCloseable {

  /** Docker's default capabilities: {@code 00000000a80425fb}. */
  public static final long DEFAULT_CAPABILITIES = 0xa80425fbL;

  static final String GATE = "/dev/.berth-start";

  private static final List<String> MASKED_FILES =
      List.of(
          "/proc/kcore",
          "/proc/keys",
          "/proc/latency_stats",
          "/proc/timer_list",
          "/proc/timer_stats",
          "/proc/sched_debug");
  private static final List<String> MASKED_DIRS =
      List.of("/proc/asound", "/proc/acpi", "/proc/scsi");
  private static final List<String> READ_ONLY =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");
  private static final long MS_STRICTATIME = 1L << 24;

  private final ExecutorService mounter;
  private final ExecutorService networkSetter;
  private final int homeMountNamespace;
  private final int lastCapability;

  public ContainerLauncher() {
    Linux.preload();
    preloadClasses();
    this.mounter =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "berth-mounter");
              t.setDaemon(true);
              return t;
            });
    this.networkSetter =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "berth-network-setup");
              t.setDaemon(true);
              return t;
            });
    // Its thread is started now, from this thread: a thread the mounter started would share the
    // mounter's file system context.
    await(networkSetter.submit(() -> null));
    this.homeMountNamespace =
        await(
            mounter.submit(
                () -> {
                  // setns(2) into a mount namespace needs a file system context of its own.
                  Linux.unshare(LinuxConstants.CLONE_FS);
                  return Linux.open("/proc/thread-self/ns/mnt", O_RDONLY | O_CLOEXEC, 0);
                }));
    this.lastCapability = readLastCapability();
  }

  /**
   * Starts a container's first process.
   *
   * @throws LinuxException naming the call that failed
   * @throws IllegalArgumentException for a command that cannot be found or run (Docker's wording:
   *     "executable file not found in $PATH", "permission denied"), or an unknown user
   */
  public Launched launch(RootSpec root, LaunchSpec spec) {
    Stdio stdio = Stdio.create(spec);
    BlockingQueue<Object> result = new ArrayBlockingQueue<>(1);
    BlockingQueue<Object> gateOpened = new ArrayBlockingQueue<>(1);
    long started = System.nanoTime();
    Thread thread =
        new Thread(
            () -> {
              Object outcome;
              try {
                outcome = startContainer(root, spec, stdio, gateOpened, started);
              } catch (Throwable e) {
                outcome = e;
              }
              result.add(outcome);
            },
            "berth-start-" + root.hostname());
    thread.setDaemon(true);
    thread.start();
    return finish(result, stdio, thread);
  }

  /**
   * Starts a process inside a running container ({@code docker exec}): it joins every namespace of
   * the container's first process {@code pid}, its cgroup, and gets the container's capabilities
   * and no_new_privs like the first process.
   */
  public Launched exec(int pid, LaunchSpec spec) {
    Stdio stdio = Stdio.create(spec);
    BlockingQueue<Object> result = new ArrayBlockingQueue<>(1);
    long started = System.nanoTime();
    Thread thread =
        new Thread(
            () -> {
              Object outcome;
              try {
                outcome = startExec(pid, spec, stdio, started);
              } catch (Throwable e) {
                outcome = e;
              }
              result.add(outcome);
            },
            "berth-exec-" + pid);
    thread.setDaemon(true);
    thread.start();
    return finish(result, stdio, thread);
  }

  private static Launched finish(BlockingQueue<Object> result, Stdio stdio, Thread thread) {
    Object outcome;
    try {
      outcome = result.poll(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a container started", e);
    }
    stdio.closeChildEnds();
    if (outcome == null) {
      stdio.closeParentEnds();
      throw new IllegalStateException("the start thread " + thread.getName() + " did not finish");
    }
    if (outcome instanceof RuntimeException e) {
      stdio.closeParentEnds();
      throw e;
    }
    if (outcome instanceof Throwable t) {
      stdio.closeParentEnds();
      throw new IllegalStateException(t);
    }
    long[] times = (long[]) outcome;
    int pid = (int) times[0];
    int pidfd = Linux.pidfdOpen(pid);
    return new Launched(
        pid,
        pidfd,
        stdio.stdinParent,
        stdio.stdoutParent,
        stdio.stderrParent,
        stdio.master,
        times[1],
        times[2]);
  }

  // --- on the disposable start thread -------------------------------------------------------

  private long[] startContainer(
      RootSpec root, LaunchSpec spec, Stdio stdio, BlockingQueue<Object> gateOpened, long started)
      throws IOException {
    int tid = Linux.gettid();
    for (Path tasks : spec.cgroupTaskFiles()) {
      Files.writeString(tasks, Integer.toString(tid));
    }
    int etcHostname = -1;
    int etcHosts = -1;
    int etcResolv = -1;
    int flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWCGROUP;
    if (!root.hostNetwork() && root.joinNetworkPid() == 0) {
      flags |= CLONE_NEWNET;
    }
    Linux.unshare(flags);
    if (root.joinNetworkPid() > 0) {
      joinNetwork(root.joinNetworkPid());
    }
    Linux.mount(null, "/", null, MS_REC | MS_PRIVATE, null);
    String rootfs = root.rootfs().toString();
    Files.createDirectories(root.rootfs());
    Linux.mount("overlay", rootfs, "overlay", 0, overlayOptions(root));
    etcHostname = Linux.openTreeClone(root.bundle().resolve("hostname").toString());
    etcHosts = Linux.openTreeClone(root.bundle().resolve("hosts").toString());
    etcResolv = Linux.openTreeClone(root.bundle().resolve("resolv.conf").toString());
    try (UserMounts userMounts = UserMounts.open(root.mounts())) {
      Linux.chdir(rootfs);
      Linux.pivotRoot(".", ".");
      Linux.umount2(".", MNT_DETACH);
      Linux.chdir("/");
      // From here on every path is inside the container: symlinks resolve within its root.
      mountSystem(etcHostname, etcHosts, etcResolv);
      userMounts.mountAll();
    }
    Linux.sethostname(root.hostname());
    Users.Identity identity = identity(spec);
    String program = resolveProgram(spec);
    makeWorkingDir(spec.workingDir(), identity);
    stdio.openTerminal(identity);
    Linux.mkfifo(GATE, 0600);
    Linux.chown(GATE, identity.uid(), identity.gid());
    long isolated = System.nanoTime();
    dropPrivileges(identity);
    Future<?> opener =
        mounter.submit(
            () -> openGate(tid, spec.cgroupProcsFiles(), root.networkSetup(), gateOpened));
    int pid;
    try (SpawnFileActions actions = stdio.fileActions(spec.workingDir(), true);
        SpawnAttributes attributes = SpawnAttributes.forContainerInit()) {
      pid =
          Linux.posixSpawn(
              actions,
              attributes,
              program,
              spec.argv().toArray(String[]::new),
              environment(spec, identity).toArray(String[]::new));
    } catch (RuntimeException e) {
      opener.cancel(true);
      throw commandError(spec, e);
    }
    Object mounted;
    try {
      mounted = gateOpened.poll(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      mounted = e;
    }
    if (!Boolean.TRUE.equals(mounted)) {
      Linux.kill(pid, SIGKILL);
      Linux.waitpid(pid, 0);
      if (mounted instanceof RuntimeException e) {
        throw e;
      }
      throw new IllegalStateException("the container's /proc was not mounted: " + mounted);
    }
    return new long[] {pid, isolated - started, System.nanoTime() - isolated};
  }

  private long[] startExec(int target, LaunchSpec spec, Stdio stdio, long started)
      throws IOException {
    int tid = Linux.gettid();
    for (Path tasks : spec.cgroupTaskFiles()) {
      Files.writeString(tasks, Integer.toString(tid));
    }
    List<int[]> namespaces = new ArrayList<>();
    String[] names = {"ipc", "uts", "net", "cgroup", "pid", "mnt"};
    int[] types = {
      CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWNET, CLONE_NEWCGROUP, CLONE_NEWPID, CLONE_NEWNS
    };
    for (int i = 0; i < names.length; i++) {
      namespaces.add(
          new int[] {
            Linux.open("/proc/" + target + "/ns/" + names[i], O_RDONLY | O_CLOEXEC, 0), types[i]
          });
    }
    Linux.unshare(LinuxConstants.CLONE_FS);
    try {
      for (int[] ns : namespaces) {
        Linux.setns(ns[0], ns[1]);
      }
    } finally {
      for (int[] ns : namespaces) {
        Linux.close(ns[0]);
      }
    }
    Users.Identity identity = identity(spec);
    String program = resolveProgram(spec);
    stdio.openTerminal(identity);
    long isolated = System.nanoTime();
    dropPrivileges(identity);
    int pid;
    try (SpawnFileActions actions = stdio.fileActions(spec.workingDir(), false);
        SpawnAttributes attributes = SpawnAttributes.forContainerInit()) {
      pid =
          Linux.posixSpawn(
              actions,
              attributes,
              program,
              spec.argv().toArray(String[]::new),
              environment(spec, identity).toArray(String[]::new));
    } catch (RuntimeException e) {
      throw commandError(spec, e);
    }
    return new long[] {pid, isolated - started, System.nanoTime() - isolated};
  }

  /** Joins another container's network namespace ({@code --network container:<id>}). */
  private static void joinNetwork(int pid) {
    int fd = Linux.open("/proc/" + pid + "/ns/net", O_RDONLY | O_CLOEXEC, 0);
    try {
      Linux.setns(fd, CLONE_NEWNET);
    } finally {
      Linux.close(fd);
    }
  }

  private static String overlayOptions(RootSpec root) throws IOException {
    List<String> lowers = root.lowerDirs();
    if (lowers.isEmpty()) {
      Path empty = root.bundle().resolve("empty");
      Files.createDirectories(empty);
      lowers = List.of(empty.toString());
    }
    return "lowerdir="
        + String.join(":", lowers)
        + ",upperdir="
        + root.upperDir()
        + ",workdir="
        + root.workDir();
  }

  private static void mountSystem(int etcHostname, int etcHosts, int etcResolv) throws IOException {
    mkdirs("/proc");
    mkdirs("/dev");
    Linux.mount("tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k");
    String[][] devices = {
      {"null", "1", "3"}, {"zero", "1", "5"}, {"full", "1", "7"},
      {"random", "1", "8"}, {"urandom", "1", "9"}, {"tty", "5", "0"}
    };
    for (String[] device : devices) {
      String path = "/dev/" + device[0];
      Linux.mknodChar(path, 0666, Integer.parseInt(device[1]), Integer.parseInt(device[2]));
      Linux.chmod(path, 0666);
    }
    Files.createSymbolicLink(Path.of("/dev/fd"), Path.of("/proc/self/fd"));
    Files.createSymbolicLink(Path.of("/dev/stdin"), Path.of("/proc/self/fd/0"));
    Files.createSymbolicLink(Path.of("/dev/stdout"), Path.of("/proc/self/fd/1"));
    Files.createSymbolicLink(Path.of("/dev/stderr"), Path.of("/proc/self/fd/2"));
    Files.createSymbolicLink(Path.of("/dev/core"), Path.of("/proc/kcore"));
    mkdirs("/dev/pts");
    Linux.mount(
        "devpts",
        "/dev/pts",
        "devpts",
        MS_NOSUID | MS_NOEXEC,
        "newinstance,ptmxmode=0666,mode=0620,gid=5");
    Files.createSymbolicLink(Path.of("/dev/ptmx"), Path.of("pts/ptmx"));
    mkdirs("/dev/shm");
    Linux.mount(
        "shm", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=1777,size=65536k");
    mkdirs("/dev/mqueue");
    Linux.mount("mqueue", "/dev/mqueue", "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
    mkdirs("/sys");
    Linux.mount("sysfs", "/sys", "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
    for (String masked : List.of("/sys/firmware", "/sys/devices/virtual/powercap")) {
      if (Files.isDirectory(Path.of(masked))) {
        Linux.mount("tmpfs", masked, "tmpfs", MS_RDONLY, null);
      }
    }
    mkdirs("/etc");
    bindInto(etcHostname, "/etc/hostname");
    bindInto(etcHosts, "/etc/hosts");
    bindInto(etcResolv, "/etc/resolv.conf");
  }

  /** Moves a detached bind mount onto a file in the container, replacing a symlink there. */
  private static void bindInto(int tree, String target) throws IOException {
    try {
      Path path = Path.of(target);
      if (Files.isSymbolicLink(path) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        deleteRecursively(path);
      }
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        Files.createFile(path);
      }
      Linux.moveMount(tree, target);
    } finally {
      Linux.close(tree);
    }
  }

  private static void mkdirs(String path) throws IOException {
    Path dir = Path.of(path);
    if (Files.isSymbolicLink(dir) || (Files.exists(dir) && !Files.isDirectory(dir))) {
      deleteRecursively(dir);
    }
    Files.createDirectories(dir);
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (var children = Files.list(path)) {
        for (Path child : children.toList()) {
          deleteRecursively(child);
        }
      }
    }
    Files.deleteIfExists(path);
  }

  private static Users.Identity identity(LaunchSpec spec) {
    return Users.resolve(spec.user(), Path.of("/etc"));
  }

  private static void makeWorkingDir(String dir, Users.Identity identity) throws IOException {
    Path path = Path.of(dir);
    if (!Files.exists(path)) {
      Files.createDirectories(path);
    }
  }

  /** Finds the program as Docker does: a name without a slash in the container's PATH. */
  private static String resolveProgram(LaunchSpec spec) {
    String command = spec.argv().get(0);
    if (command.contains("/")) {
      Path path = Path.of(command.startsWith("/") ? command : "/" + command);
      if (!Files.exists(path)) {
        throw new IllegalArgumentException(
            "exec: \"" + command + "\": stat " + command + ": no such file or directory");
      }
      checkExecutable(command, path);
      return path.toString();
    }
    String searchPath = spec.envValue("PATH");
    if (searchPath == null) {
      searchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    }
    for (String dir : searchPath.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir.startsWith("/") ? dir : "/" + dir, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalArgumentException(
        "exec: \"" + command + "\": executable file not found in $PATH");
  }

  private static void checkExecutable(String command, Path path) {
    if (Files.isDirectory(path) || !Files.isExecutable(path)) {
      throw new IllegalArgumentException("exec: \"" + command + "\": permission denied");
    }
  }

  private static RuntimeException commandError(LaunchSpec spec, RuntimeException e) {
    if (e instanceof LinuxException linux) {
      String command = spec.argv().get(0);
      if (linux.errno() == LinuxConstants.EACCES) {
        return new IllegalArgumentException("exec: \"" + command + "\": permission denied", e);
      }
      if (linux.errno() == LinuxConstants.ENOENT) {
        return new IllegalArgumentException(
            "exec: \"" + command + "\": no such file or directory", e);
      }
    }
    return e;
  }

  private static List<String> environment(LaunchSpec spec, Users.Identity identity) {
    List<String> env = new ArrayList<>(spec.env());
    if (spec.envValue("PATH") == null) {
      env.add(0, "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }
    if (spec.envValue("HOME") == null) {
      env.add("HOME=" + identity.home());
    }
    if (spec.tty() && spec.envValue("TERM") == null) {
      env.add("TERM=xterm");
    }
    return env;
  }

  /** Bounding set, no_new_privs, credentials and capabilities, on this thread only. */
  private void dropPrivileges(Users.Identity identity) {
    for (int cap = 0; cap <= lastCapability; cap++) {
      if ((DEFAULT_CAPABILITIES & (1L << cap)) == 0) {
        Linux.prctl(LinuxConstants.PR_CAPBSET_DROP, cap, 0, 0, 0);
      }
    }
    Linux.prctl(LinuxConstants.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    Linux.capset(new Capabilities(DEFAULT_CAPABILITIES, DEFAULT_CAPABILITIES, 0));
    Linux.setgroupsThread(identity.groups());
    Linux.setresgidThread(identity.gid());
    Linux.setresuidThread(identity.uid());
  }

  // --- on the mounter thread -----------------------------------------------------------------

  /**
   * Finds the start thread's child, mounts its {@code /proc}, masks Docker's paths and opens the
   * gate it waits at.
   */
  private Void openGate(
      int startThread,
      List<Path> cgroupProcs,
      IntConsumer networkSetup,
      BlockingQueue<Object> done) {
    Object outcome = "the container's first process was not found";
    try {
      outcome = mountProcAndOpenGate(startThread, cgroupProcs, networkSetup);
    } catch (RuntimeException e) {
      outcome = e;
    } finally {
      done.offer(outcome);
    }
    return null;
  }

  private Object mountProcAndOpenGate(
      int startThread, List<Path> cgroupProcs, IntConsumer networkSetup) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    int child = 0;
    Path children = Path.of("/proc/self/task/" + startThread + "/children");
    while (child == 0) {
      try {
        String list = Files.readString(children).trim();
        if (!list.isEmpty()) {
          child = Integer.parseInt(list.split(" ")[0]);
          break;
        }
      } catch (IOException e) {
        return "the start thread ended before its child appeared";
      }
      if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
        return "the container's first process did not appear";
      }
      Thread.onSpinWait();
    }
    int proc = -1;
    int mountNamespace = -1;
    boolean entered = false;
    try {
      for (Path procs : cgroupProcs) {
        try {
          Files.writeString(procs, Integer.toString(child));
        } catch (IOException e) {
          throw new LinuxException("write", procs + " <- " + child, 0, e.getMessage());
        }
      }
      if (networkSetup != null) {
        // On a plain thread: the setup starts processes, and a thread the JDK starts for them
        // (its process reaper) would share this thread's file system context, after which
        // setns(2) into a mount namespace fails with EINVAL.
        int pid = child;
        await(networkSetter.submit(() -> networkSetup.accept(pid)));
      }
      proc = Linux.procMountFor("/proc/" + child + "/ns/pid");
      mountNamespace = Linux.open("/proc/" + child + "/ns/mnt", O_RDONLY | O_CLOEXEC, 0);
      Linux.setns(mountNamespace, CLONE_NEWNS);
      entered = true;
      Linux.moveMount(proc, "/proc");
      for (String file : MASKED_FILES) {
        if (Files.exists(Path.of(file))) {
          Linux.mount("/dev/null", file, null, MS_BIND, null);
        }
      }
      for (String dir : MASKED_DIRS) {
        if (Files.isDirectory(Path.of(dir))) {
          Linux.mount("tmpfs", dir, "tmpfs", MS_RDONLY, null);
        }
      }
      for (String path : READ_ONLY) {
        if (Files.exists(Path.of(path))) {
          Linux.mount(path, path, null, MS_BIND | MS_REC, null);
          Linux.mount(path, path, null, MS_BIND | MS_REC | MS_REMOUNT | MS_RDONLY, null);
        }
      }
      int gate = -1;
      while (gate < 0) {
        try {
          gate = Linux.open(GATE, O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0);
        } catch (LinuxException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          Thread.onSpinWait();
        }
      }
      Linux.unlink(GATE);
      Linux.close(gate);
    } catch (RuntimeException e) {
      try {
        Linux.kill(child, SIGKILL);
      } catch (RuntimeException ignored) {
        // it is gone already
      }
      throw e;
    } finally {
      if (proc >= 0) {
        Linux.close(proc);
      }
      if (mountNamespace >= 0) {
        Linux.close(mountNamespace);
      }
      if (entered) {
        Linux.setns(homeMountNamespace, CLONE_NEWNS);
      }
    }
    return Boolean.TRUE;
  }

  @Override
  public void close() {
    mounter.shutdownNow();
    networkSetter.shutdownNow();
    Linux.close(homeMountNamespace);
  }

  /**
   * Loads every class the start thread uses after pivot_root(2): from then on, a class file the JVM
   * has not read yet would be looked up inside the container's root.
   */
  private static void preloadClasses() {
    Class<?>[] classes = {
      Users.class,
      Users.Identity.class,
      Stdio.class,
      SpawnFileActions.class,
      SpawnAttributes.class,
      LinuxException.class,
      Capabilities.class,
      LaunchSpec.class,
      RootSpec.class,
      ContainerMount.class,
      UserMounts.class,
      UserMounts.Copier.class,
      Launched.class,
      ExitStatus.class,
      LinuxConstants.class,
      Syscalls.class
    };
    for (Class<?> type : classes) {
      try {
        Class.forName(type.getName(), true, type.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    Users.resolve("0", Path.of("/nonexistent"));
    new LinuxException("preload", "", 0, "").getMessage();
  }

  private static int readLastCapability() {
    try {
      return Integer.parseInt(
          Files.readString(Path.of("/proc/sys/kernel/cap_last_cap"), StandardCharsets.US_ASCII)
              .trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The pipes or the terminal of one process: child ends go to it, parent ends stay here. */
  static final class Stdio {
    final boolean tty;
    final boolean openStdin;
    int stdinChild = -1;
    int stdinParent = -1;
    int stdoutChild = -1;
    int stdoutParent = -1;
    int stderrChild = -1;
    int stderrParent = -1;
    int master = -1;
    String slave;

    private Stdio(boolean tty, boolean openStdin) {
      this.tty = tty;
      this.openStdin = openStdin;
    }

    static Stdio create(LaunchSpec spec) {
      Stdio stdio = new Stdio(spec.tty(), spec.openStdin());
      if (!spec.tty()) {
        int[] out = Linux.pipe2(O_CLOEXEC);
        stdio.stdoutParent = out[0];
        stdio.stdoutChild = out[1];
        int[] err = Linux.pipe2(O_CLOEXEC);
        stdio.stderrParent = err[0];
        stdio.stderrChild = err[1];
        if (spec.openStdin()) {
          int[] in = Linux.pipe2(O_CLOEXEC);
          stdio.stdinChild = in[0];
          stdio.stdinParent = in[1];
        }
      }
      return stdio;
    }

    /** With a terminal: opens the master in the container's devpts (after the pivot). */
    void openTerminal(Users.Identity identity) {
      if (!tty) {
        return;
      }
      master = Linux.open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC, 0);
      Linux.ioctlInt(master, LinuxConstants.TIOCSPTLCK, 0);
      int number = Linux.ioctlInt(master, LinuxConstants.TIOCGPTN, 0);
      slave = "/dev/pts/" + number;
      Linux.chown(slave, identity.uid(), 5);
    }

    SpawnFileActions fileActions(String workingDir, boolean gate) {
      SpawnFileActions actions = new SpawnFileActions();
      try {
        if (tty) {
          actions.open(0, slave, O_RDWR, 0);
          actions.dup2(0, 1);
          actions.dup2(0, 2);
        } else {
          if (stdinChild >= 0) {
            actions.dup2(stdinChild, 0);
          } else {
            actions.open(0, "/dev/null", O_RDONLY, 0);
          }
          actions.dup2(stdoutChild, 1);
          actions.dup2(stderrChild, 2);
        }
        if (gate) {
          actions.open(3, GATE, O_RDONLY, 0);
        }
        actions.closeFrom(3);
        actions.chdir(workingDir);
        return actions;
      } catch (RuntimeException e) {
        actions.close();
        throw e;
      }
    }

    void closeChildEnds() {
      for (int fd : new int[] {stdinChild, stdoutChild, stderrChild}) {
        if (fd >= 0) {
          Linux.close(fd);
        }
      }
      stdinChild = stdoutChild = stderrChild = -1;
    }

    void closeParentEnds() {
      for (int fd : new int[] {stdinParent, stdoutParent, stderrParent, master}) {
        if (fd >= 0) {
          Linux.close(fd);
        }
      }
    }
  }
}
