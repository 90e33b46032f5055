package io.berth.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The {@code berth} command line: {@code up}, {@code down}, {@code status}, {@code logs} and {@code
 * restart} for the embedded default (run through the {@code berth} script at the repository root,
 * which checks for root and Java and builds what is missing).
 */
public final class BerthCli {

  /** Exit code: done. */
  public static final int OK = 0;

  /** Exit code: the command failed. */
  public static final int FAILED = 1;

  /** Exit code: the command line was wrong. */
  public static final int USAGE = 2;

  /** Exit code of {@code status} when Berth is not running. */
  public static final int NOT_RUNNING = 3;

  private static final List<String> SUPERVISOR_JAVA_OPTS =
      List.of("-Xms128m", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
  private static final Duration POLL = Duration.ofMillis(100);

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  /** A command line reading settings from {@code env} and writing to {@code out}/{@code err}. */
  public BerthCli(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** Entry point: {@code BerthCli <command> [args]}. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "berth-cli-logback.xml");
    }
    int code = new BerthCli(System.getenv(), System.out, System.err).run(Arrays.asList(args));
    System.out.flush();
    System.exit(code);
  }

  /** Runs one command and returns its exit code. */
  public int run(List<String> args) {
    CliCommand command;
    try {
      command = CliCommand.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("berth: " + e.getMessage());
      err.println(CliCommand.USAGE);
      return USAGE;
    }
    try {
      return switch (command.verb()) {
        case HELP -> {
          out.println(CliCommand.USAGE);
          yield OK;
        }
        case UP -> up(settings(false));
        case DOWN -> down(settings(true));
        case STATUS -> status(settings(true));
        case LOGS -> logs(settings(true), command);
        case RESTART -> restart(settings(true), BerthService.of(command.target().orElseThrow()));
      };
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("berth: " + e.getMessage());
      return FAILED;
    }
  }

  /**
   * The settings: from the environment for {@code up}; for the other commands, those {@code up}
   * saved (so that {@code status} finds a Berth started with other ports), if any.
   */
  private BerthConfig settings(boolean preferSaved) {
    BerthConfig fromEnv = BerthConfig.fromEnv(env, defaultRepoRoot());
    if (preferSaved) {
      return new RunDir(fromEnv.runDir()).loadConfig().orElse(fromEnv);
    }
    return fromEnv;
  }

  private static Path defaultRepoRoot() {
    try {
      return Platform.findRepoRoot();
    } catch (IllegalStateException e) {
      return Path.of("").toAbsolutePath();
    }
  }

  // ---------------------------------------------------------------------------------------- up

  private int up(BerthConfig config) {
    if (!isRoot()) {
      err.println("berth: 'up' must run as root (the container-service needs it): try sudo");
      return FAILED;
    }
    RunDir run = new RunDir(config.runDir());
    Optional<ProcessHandle> running = findSupervisor(config);
    if (running.isPresent()) {
      out.println("Berth is already running (pid " + running.get().pid() + ")");
      out.println(
          "export DOCKER_HOST=tcp://127.0.0.1:" + savedOr(config).port(BerthService.GATEWAY));
      return OK;
    }
    List<String> missing = missingBuildOutputs(config);
    if (!missing.isEmpty()) {
      err.println("berth: Berth is not built; missing:");
      missing.forEach(m -> err.println("  " + m));
      err.println("build it with: (cd " + config.repoRoot() + " && mvn -B -q -DskipTests package)");
      return FAILED;
    }
    cleanUpLeftovers(config);
    List<String> busy = busyPorts(config);
    if (!busy.isEmpty()) {
      err.println("berth: cannot start Berth, ports it needs are in use:");
      busy.forEach(b -> err.println("  " + b));
      err.println(
          "stop that process, or choose other ports (BERTH_GATEWAY_PORT, BERTH_KAFKA_PORT, ...)");
      return FAILED;
    }
    try {
      Files.createDirectories(config.runDir());
      Files.createDirectories(config.logDir());
    } catch (IOException e) {
      err.println("berth: cannot create " + config.dataDir() + ": " + e.getMessage());
      return FAILED;
    }
    run.saveConfig(config);
    RunDir.deleteQuietly(run.failure());
    RunDir.deleteQuietly(run.progress());

    out.println("Starting Berth (data in " + config.dataDir() + ")");
    Process supervisor;
    try {
      supervisor = launchSupervisor(config, run);
    } catch (IOException e) {
      err.println("berth: cannot start the supervisor: " + e.getMessage());
      return FAILED;
    }
    return awaitUp(config, run, supervisor);
  }

  private Process launchSupervisor(BerthConfig config, RunDir run) throws IOException {
    List<String> command = new ArrayList<>();
    for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Path.of(setsid))) {
        command.add(setsid);
        break;
      }
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(Procs.MARKER + RunDir.SUPERVISOR);
    String opts = env.get("BERTH_SUPERVISOR_JAVA_OPTS");
    command.addAll(
        opts == null || opts.isBlank() ? SUPERVISOR_JAVA_OPTS : BerthConfig.splitOptions(opts));
    command.add("-Dlogback.configurationFile=berth-supervisor-logback.xml");
    command.add("-Dberth.log.dir=" + config.logDir());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Supervisor.class.getName());
    command.add("--config");
    command.add(run.config().toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(config.dataDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                    config.logDir().resolve("supervisor.log").toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("BERTH_DATA_DIR", config.dataDir().toString());
    builder.environment().put("BERTH_HOME", config.repoRoot().toString());
    return builder.start();
  }

  private int awaitUp(BerthConfig config, RunDir run, Process supervisor) {
    long started = System.nanoTime();
    long deadline = started + config.startupTimeout().plusSeconds(30).toNanos();
    int printed = 0;
    while (true) {
      List<String> progress = run.progressLines();
      for (; printed < progress.size(); printed++) {
        String line = progress.get(printed);
        describeProgress(line, started).ifPresent(out::println);
        if (line.equals("ready")) {
          out.println(
              "Berth is up (supervisor pid " + supervisor.pid() + "); logs in " + config.logDir());
          out.println("export DOCKER_HOST=tcp://127.0.0.1:" + config.port(BerthService.GATEWAY));
          return OK;
        }
      }
      if (!supervisor.isAlive() && findSupervisor(config).isEmpty()) {
        err.println("berth: Berth failed to start:");
        err.println(readFailure(run, config));
        cleanUpLeftovers(config);
        return FAILED;
      }
      if (System.nanoTime() - deadline >= 0) {
        err.println(
            "berth: Berth did not come up within "
                + config.startupTimeout().plusSeconds(30).toSeconds()
                + " s; stopping it");
        Procs.terminate(supervisor.toHandle(), config.stopTimeout().plusSeconds(30));
        cleanUpLeftovers(config);
        err.println(readFailure(run, config));
        return FAILED;
      }
      pause();
    }
  }

  private static Optional<String> describeProgress(String line, long startedNanos) {
    String[] f = line.split(" ");
    String at = String.format("%5.1f s", (System.nanoTime() - startedNanos) / 1e9);
    return switch (f[0]) {
      case "kafka" -> Optional.of(String.format("  %-18s ready on %s  (%s)", "kafka", f[1], at));
      case "healthy" ->
          Optional.of(
              String.format("  %-18s healthy on 127.0.0.1:%s, pid %s  (%s)", f[1], f[3], f[2], at));
      default -> Optional.empty();
    };
  }

  private static String readFailure(RunDir run, BerthConfig config) {
    try {
      return Files.readString(run.failure(), StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      List<String> tail = LogFiles.lastLines(config.logDir().resolve("supervisor.log"), 20);
      return "(no failure report; last lines of "
          + config.logDir().resolve("supervisor.log")
          + ":)"
          + System.lineSeparator()
          + ServiceProcess.indent(tail);
    }
  }

  /** What is missing for {@code up}: service class paths and the launcher classes. */
  static List<String> missingBuildOutputs(BerthConfig config) {
    List<String> missing = new ArrayList<>();
    for (BerthService service : BerthService.values()) {
      Path target = config.repoRoot().resolve(service.moduleDir()).resolve("target");
      for (Path p : List.of(target.resolve("classes"), target.resolve("classpath.txt"))) {
        if (!Files.exists(p)) {
          missing.add(p.toString());
        }
      }
    }
    return missing;
  }

  /** Ports of the configuration that something already listens on, described for the user. */
  static List<String> busyPorts(BerthConfig config) {
    List<String> busy = new ArrayList<>();
    for (Map.Entry<String, Integer> entry : config.namedPorts()) {
      int port = entry.getValue();
      if (Ports.inUse(port)) {
        busy.add(
            "port "
                + port
                + " ("
                + entry.getKey()
                + ") is in use"
                + PortOwner.describe(port).map(owner -> " by " + owner).orElse(""));
      }
    }
    return busy;
  }

  // -------------------------------------------------------------------------------------- down

  private int down(BerthConfig config) {
    Optional<ProcessHandle> supervisor = findSupervisor(config);
    if (supervisor.isEmpty()) {
      int leftovers = cleanUpLeftovers(config);
      out.println(
          leftovers > 0
              ? "Berth was not running; stopped " + leftovers + " leftover process(es)"
              : "Berth is not running");
      return OK;
    }
    ProcessHandle handle = supervisor.get();
    out.println("Stopping Berth (supervisor pid " + handle.pid() + ")");
    RunDir run = new RunDir(config.runDir());
    try {
      SupervisorClient.send(run.socket(), "stop", Duration.ofSeconds(5));
    } catch (IOException e) {
      handle.destroy(); // SIGTERM: the supervisor's shutdown hook stops everything.
    }
    Duration grace = config.stopTimeout().plusSeconds(60);
    if (!awaitExit(handle, grace)) {
      err.println(
          "berth: the supervisor did not stop within " + grace.toSeconds() + " s: killing it");
      handle.destroyForcibly();
      awaitExit(handle, Duration.ofSeconds(10));
    }
    cleanUpLeftovers(config);
    for (BerthService service : BerthService.values()) {
      run.pid(service).delete();
    }
    run.supervisorPid().delete();
    RunDir.deleteQuietly(run.socket());
    RunDir.deleteQuietly(run.progress());
    out.println("Berth stopped");
    return OK;
  }

  // ------------------------------------------------------------------------------------ status

  private int status(BerthConfig config) {
    RunDir run = new RunDir(config.runDir());
    Optional<ProcessHandle> supervisor = findSupervisor(config);
    if (supervisor.isEmpty()) {
      out.println("Berth is not running (data in " + config.dataDir() + ")");
      List<Procs.BerthProcess> leftovers = Procs.berthProcesses(config.dataDir());
      if (!leftovers.isEmpty()) {
        out.println("leftover processes (berth down stops them):");
        leftovers.forEach(p -> out.println("  " + p.component() + " pid " + p.pid()));
      }
      return NOT_RUNNING;
    }
    long pid = supervisor.get().pid();
    out.println("Berth is running (supervisor pid " + pid + "), data in " + config.dataDir());
    out.println(String.format("%-18s %-8s %-6s %s", "COMPONENT", "PID", "PORT", "HEALTH"));
    boolean allHealthy = true;
    boolean kafkaUp = Ports.accepts(config.kafkaPort(), 1000);
    allHealthy &= kafkaUp;
    out.println(
        String.format(
            "%-18s %-8s %-6s %s",
            "kafka", pid, config.kafkaPort(), kafkaUp ? "up" : "down (port closed)"));
    for (BerthService service : BerthService.values()) {
      Optional<ProcessHandle> process = run.pid(service).live(service.serviceName());
      int port = config.port(service);
      String health;
      if (process.isEmpty()) {
        health = "down";
        allHealthy = false;
      } else {
        int code = ServiceProcess.probe(URI.create("http://127.0.0.1:" + port + "/health"));
        health =
            code == 200
                ? "healthy"
                : code < 0 ? "unhealthy (not answering)" : "unhealthy (HTTP " + code + ")";
        allHealthy &= code == 200;
      }
      out.println(
          String.format(
              "%-18s %-8s %-6s %s",
              service.serviceName(),
              process.map(p -> String.valueOf(p.pid())).orElse("-"),
              port,
              health));
    }
    out.println("export DOCKER_HOST=tcp://127.0.0.1:" + config.port(BerthService.GATEWAY));
    return allHealthy ? OK : FAILED;
  }

  // ----------------------------------------------------------------------------------- restart

  private int restart(BerthConfig config, BerthService service) {
    Optional<ProcessHandle> supervisor = findSupervisor(config);
    if (supervisor.isEmpty()) {
      err.println("berth: Berth is not running (start it with: berth up)");
      return FAILED;
    }
    out.println("Restarting " + service.serviceName());
    Duration timeout = config.startupTimeout().plus(config.stopTimeout()).plusSeconds(30);
    try {
      SupervisorClient.Reply reply =
          SupervisorClient.send(
              new RunDir(config.runDir()).socket(), "restart " + service.serviceName(), timeout);
      (reply.ok() ? out : err).println(String.join(System.lineSeparator(), reply.lines()));
      return reply.ok() ? OK : FAILED;
    } catch (IOException e) {
      err.println("berth: cannot reach the supervisor: " + e.getMessage());
      return FAILED;
    }
  }

  // -------------------------------------------------------------------------------------- logs

  private int logs(BerthConfig config, CliCommand command) {
    Map<String, Path> files = new LinkedHashMap<>();
    if (command.target().isPresent()) {
      files.put(command.target().get(), logFile(config, command.target().get()));
    } else {
      for (String other : CliCommand.OTHER_LOGS) {
        files.put(other, logFile(config, other));
      }
      for (BerthService service : BerthService.values()) {
        files.put(service.serviceName(), logFile(config, service.serviceName()));
      }
    }
    boolean many = files.size() > 1;
    Map<String, Long> offsets = new LinkedHashMap<>();
    for (Map.Entry<String, Path> entry : files.entrySet()) {
      Path file = entry.getValue();
      if (!Files.exists(file)) {
        if (!many) {
          err.println("berth: no log yet: " + file);
          if (!command.follow()) {
            return FAILED;
          }
        }
        offsets.put(entry.getKey(), 0L);
        continue;
      }
      if (many && !command.follow()) {
        out.println("==> " + entry.getKey() + " (" + file + ") <==");
      }
      for (String line : LogFiles.lastLines(file, command.lines())) {
        out.println(many && command.follow() ? prefix(entry.getKey()) + line : line);
      }
      offsets.put(entry.getKey(), size(file));
    }
    if (!command.follow()) {
      return OK;
    }
    out.flush();
    while (true) {
      for (Map.Entry<String, Path> entry : files.entrySet()) {
        offsets.put(
            entry.getKey(),
            printNew(
                entry.getValue(), offsets.get(entry.getKey()), many ? prefix(entry.getKey()) : ""));
      }
      out.flush();
      if (out.checkError()) {
        return OK; // the reader went away (e.g. `berth logs -f | head`)
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return OK;
      }
    }
  }

  private static Path logFile(BerthConfig config, String component) {
    return config.logDir().resolve(component + ".log");
  }

  private static String prefix(String component) {
    return String.format("%-17s | ", component);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  /** Prints complete lines written after {@code offset}; returns the offset after them. */
  private long printNew(Path file, long offset, String prefix) {
    long size = size(file);
    if (size < offset) {
      offset = 0; // truncated or replaced
    }
    if (size == offset) {
      return offset;
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      raf.seek(offset);
      byte[] bytes = new byte[(int) Math.min(size - offset, 1 << 20)];
      raf.readFully(bytes);
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
      if (end == 0) {
        return offset;
      }
      String text = new String(bytes, 0, end - 1, StandardCharsets.UTF_8);
      for (String line : text.split("\n", -1)) {
        out.println(prefix + line);
      }
      return offset + end;
    } catch (IOException e) {
      return offset;
    }
  }

  // ----------------------------------------------------------------------------------- helpers

  /** The running supervisor of this data directory: by pid file, else by a scan of /proc. */
  private static Optional<ProcessHandle> findSupervisor(BerthConfig config) {
    Optional<ProcessHandle> byPidFile = new RunDir(config.runDir()).liveSupervisor();
    if (byPidFile.isPresent()) {
      return byPidFile;
    }
    return Procs.berthProcesses(config.dataDir()).stream()
        .filter(p -> p.component().equals(RunDir.SUPERVISOR))
        .findFirst()
        .flatMap(p -> ProcessHandle.of(p.pid()));
  }

  /**
   * Stops Berth service processes left behind by a supervisor that died (found through the pid
   * files and a scan of /proc); returns how many there were.
   */
  private int cleanUpLeftovers(BerthConfig config) {
    RunDir run = new RunDir(config.runDir());
    Map<Long, String> leftovers = new LinkedHashMap<>();
    for (BerthService service : BerthService.values()) {
      run.pid(service)
          .live(service.serviceName())
          .ifPresent(p -> leftovers.put(p.pid(), service.serviceName()));
    }
    for (Procs.BerthProcess p : Procs.berthProcesses(config.dataDir())) {
      if (!p.component().equals(RunDir.SUPERVISOR)) {
        leftovers.put(p.pid(), p.component());
      }
    }
    List<ProcessHandle> handles = new ArrayList<>();
    for (Map.Entry<Long, String> entry : leftovers.entrySet()) {
      out.println("Stopping leftover " + entry.getValue() + " (pid " + entry.getKey() + ")");
      ProcessHandle.of(entry.getKey()).ifPresent(handles::add);
    }
    handles.forEach(ProcessHandle::destroy); // SIGTERM to all first, then wait for each
    handles.forEach(p -> Procs.terminate(p, config.stopTimeout()));
    for (BerthService service : BerthService.values()) {
      run.pid(service).delete();
    }
    OptionalLong supervisorPid = run.supervisorPid().read();
    if (supervisorPid.isPresent() && run.liveSupervisor().isEmpty()) {
      run.supervisorPid().delete();
    }
    return leftovers.size();
  }

  private static BerthConfig savedOr(BerthConfig config) {
    return new RunDir(config.runDir()).loadConfig().orElse(config);
  }

  private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return !handle.isAlive();
    }
  }

  /** True when this process runs with user id 0. */
  static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0"); // effective uid
        }
      }
    } catch (IOException e) {
      // Not Linux: fall through.
    }
    return "root".equals(System.getProperty("user.name"));
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
