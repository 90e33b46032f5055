package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.berth.launcher.EmbeddedKafkaBroker;
import io.berth.launcher.TopicSetup;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container endpoints driven by the stock docker CLI, with the gateway in-process on an
 * embedded Kafka broker, a {@link FakeContainerService} answering on Kafka, and a tiny HTTP server
 * standing in for the container-service's own HTTP server (logs, exec start). No container runtime
 * is needed: this checks the gateway's side of the contract.
 */
class ContainersCliIT {

  private static EmbeddedKafkaBroker broker;
  private static FakeContainerService service;
  private static HttpServer containerHttp;
  private static EmbeddedServer gateway;
  private static final AtomicReference<String> proxied = new AtomicReference<>();

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("berth-containers-cli-");
    broker = EmbeddedKafkaBroker.startOnFreePorts(dir.resolve("kafka"));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      TopicSetup.ensureTopics(admin, TopicSetup.Options.singleNode());
    }
    service = new FakeContainerService(broker.bootstrapServers());
    containerHttp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    containerHttp.createContext(
        "/",
        exchange -> {
          proxied.set(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          exchange.getRequestBody().readAllBytes();
          if (exchange.getRequestURI().getPath().endsWith("/logs")) {
            byte[] frame = stdoutFrame("hello from the container-service\n");
            exchange
                .getResponseHeaders()
                .add("Content-Type", "application/vnd.docker.multiplexed-stream");
            exchange.sendResponseHeaders(200, frame.length);
            exchange.getResponseBody().write(frame);
          } else {
            exchange.sendResponseHeaders(200, -1);
          }
          exchange.close();
        });
    containerHttp.start();
    gateway =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "kafka.bootstrap.servers",
                broker.bootstrapServers(),
                "berth.data-dir",
                dir.toString(),
                "micronaut.server.port",
                -1,
                "gateway.container-service-url",
                "http://127.0.0.1:" + containerHttp.getAddress().getPort()));
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (containerHttp != null) {
      containerHttp.stop(0);
    }
    if (service != null) {
      service.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aContainersLifeThroughTheDockerCli() throws Exception {
    assumeTrue(dockerCliInstalled(), "the docker CLI is not installed");

    Cli created =
        docker(
            "create",
            "--name",
            "web",
            "-e",
            "A=b",
            "--restart",
            "on-failure:2",
            "-m",
            "64m",
            "--label",
            "team=core",
            "busybox",
            "sh",
            "-c",
            "sleep 60");
    assertThat(created.exitCode()).as(created.output()).isZero();
    String id = created.output().trim();
    assertThat(id).matches("[0-9a-f]{64}");

    assertThat(docker("ps", "-a", "--format", "{{.Names}} {{.Status}}").output())
        .isEqualTo("web Created");
    assertThat(docker("ps", "-q").output()).isEmpty();

    assertThat(docker("start", "web").output()).isEqualTo("web");
    assertThat(docker("start", "web").exitCode()).isZero(); // 304: already running
    assertThat(docker("ps", "--format", "{{.ID}} {{.Status}}").output())
        .matches(id.substring(0, 12) + " Up (Less than a second|\\d seconds?)");
    assertThat(docker("ps", "-q", "--no-trunc", "--filter", "label=team=core").output())
        .isEqualTo(id);

    assertThat(
            docker(
                    "inspect",
                    "-f",
                    "{{.State.Status}} {{.State.Pid}} {{.Name}} {{.HostConfig.RestartPolicy.Name}}"
                        + ":{{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.HostConfig.Memory}}"
                        + " {{.Config.Env}} {{.Path}} {{.Args}}",
                    id.substring(0, 6))
                .output())
        .isEqualTo("running 4242 /web on-failure:2 67108864 [A=b] sh [-c sleep 60]");

    Process waiting = dockerProcess("wait", "web");
    Cli stopped = docker("stop", "-t", "1", "web");
    assertThat(stopped.output()).isEqualTo("web");
    assertThat(waiting.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(waiting.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim())
        .isEqualTo("143");

    assertThat(docker("ps", "-a", "--format", "{{.Status}}").output())
        .matches("Exited \\(143\\) (Less than a second|\\d seconds?) ago");
    assertThat(docker("wait", "web").output()).isEqualTo("143"); // not running: at once

    Cli kill = docker("kill", "web");
    assertThat(kill.exitCode()).isNotZero();
    assertThat(kill.output()).contains("Container " + id + " is not running");

    assertThat(docker("logs", "web").output()).isEqualTo("hello from the container-service");
    assertThat(proxied.get()).startsWith("GET /containers/" + id + "/logs?");

    assertThat(docker("rename", "web", "web2").exitCode()).isZero();
    assertThat(docker("inspect", "-f", "{{.Name}}", "web2").output()).isEqualTo("/web2");

    assertThat(docker("rm", "web2").output()).isEqualTo("web2");
    Cli gone = docker("container", "inspect", "web2");
    assertThat(gone.exitCode()).isNotZero();
    assertThat(gone.output()).contains("No such container: web2");
    Cli stopGone = docker("stop", "web2");
    assertThat(stopGone.output()).contains("No such container: web2");
  }

  @Test
  void runDetachedPauseUnpauseRestartAndTheStateFilters() throws Exception {
    assumeTrue(dockerCliInstalled(), "the docker CLI is not installed");
    Cli run = docker("run", "-d", "--name", "detached", "busybox", "sleep", "60");
    assertThat(run.exitCode()).as(run.output()).isZero();
    String id = run.output().trim();
    String stoppedId = docker("create", "--name", "stopped-one", "busybox", "true").output().trim();
    docker("start", "stopped-one");
    service.exit(stoppedId, 2);

    assertThat(docker("pause", "detached").output()).isEqualTo("detached");
    assertThat(docker("ps", "--filter", "name=detached", "--format", "{{.Status}}").output())
        .endsWith("(Paused)");
    assertThat(docker("ps", "-q", "--no-trunc", "--filter", "status=paused").output())
        .isEqualTo(id);
    assertThat(docker("unpause", "detached").output()).isEqualTo("detached");
    assertThat(docker("restart", "-t", "0", "detached").output()).isEqualTo("detached");
    assertThat(docker("inspect", "-f", "{{.State.Pid}}", "detached").output()).isEqualTo("4343");
    assertThat(docker("ps", "-a", "-q", "--no-trunc", "--filter", "exited=2").output())
        .isEqualTo(stoppedId);
    assertThat(docker("ps", "-q", "--no-trunc", "--filter", "exited=2").output()).isEmpty();
    Cli badFilter = docker("ps", "--filter", "status=sleepy");
    assertThat(badFilter.output()).contains("invalid filter 'status=sleepy'");
    Cli pauseStopped = docker("pause", "stopped-one");
    assertThat(pauseStopped.output()).contains("is not running");

    docker("rm", "-f", "detached", "stopped-one");
  }

  @Test
  void aNextExitWaitIsAcknowledgedAtOnceAndAnsweredAtTheExit() throws Exception {
    assumeTrue(dockerCliInstalled(), "the docker CLI is not installed");
    String id = docker("create", "--name", "waiter", "busybox", "true").output().trim();
    docker("start", "waiter");

    try (Socket socket = new Socket("127.0.0.1", gateway.getPort())) {
      socket.setSoTimeout(15_000);
      socket
          .getOutputStream()
          .write(
              ("POST /v1.44/containers/waiter/wait?condition=next-exit HTTP/1.1\r\n"
                      + "Host: localhost\r\nContent-Length: 0\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String head = readUntil(socket.getInputStream(), "\r\n\r\n");
      assertThat(head).startsWith("HTTP/1.1 200");

      service.exit(id, 3);

      assertThat(readUntil(socket.getInputStream(), "\r\n0\r\n\r\n"))
          .contains("{\"StatusCode\":3,\"Error\":null}");
    }
  }

  @Test
  void execCreateAndADetachedStart() throws Exception {
    assumeTrue(dockerCliInstalled(), "the docker CLI is not installed");
    String id = docker("create", "--name", "exec-target", "busybox", "sleep", "60").output().trim();
    docker("start", "exec-target");

    Cli exec = docker("exec", "-d", "exec-target", "touch", "/tmp/x");

    assertThat(exec.exitCode()).as(exec.output()).isZero();
    assertThat(proxied.get()).matches("POST /exec/[0-9a-f]{64}/start");
    docker("rm", "-f", id);
  }

  @Test
  void anUnknownContainerIsNotFoundEverywhere() throws Exception {
    assumeTrue(dockerCliInstalled(), "the docker CLI is not installed");
    for (List<String> args :
        List.of(
            List.of("start", "nope"),
            List.of("stop", "nope"),
            List.of("kill", "nope"),
            List.of("restart", "nope"),
            List.of("pause", "nope"),
            List.of("wait", "nope"),
            List.of("logs", "nope"),
            List.of("rm", "nope"))) {
      Cli result = docker(args.toArray(String[]::new));
      assertThat(result.exitCode()).as(String.join(" ", args)).isNotZero();
      assertThat(result.output()).as(String.join(" ", args)).contains("No such container: nope");
    }
  }

  // ---- helpers

  private record Cli(int exitCode, String output) {}

  private static Cli docker(String... args) throws Exception {
    Process process = dockerProcess(args);
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("docker " + String.join(" ", args) + " hung");
    }
    return new Cli(process.exitValue(), output.trim());
  }

  private static Process dockerProcess(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DOCKER_HOST", "tcp://127.0.0.1:" + gateway.getPort());
    builder.environment().remove("DOCKER_CONTEXT");
    return builder.start();
  }

  private static boolean dockerCliInstalled() {
    try {
      return new ProcessBuilder("docker", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static byte[] stdoutFrame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + payload.length)
        .put((byte) 1)
        .put(new byte[3])
        .putInt(payload.length)
        .put(payload)
        .array();
  }

  private static String readUntil(InputStream in, String end) throws IOException {
    StringBuilder text = new StringBuilder();
    while (!text.toString().endsWith(end)) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      text.append((char) b);
    }
    return text.toString();
  }
}
