package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.launcher.BerthService;
import io.berth.launcher.Platform;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what (docs/security.md), through the stock docker CLI against the gateway on a
 * non-loopback address of this host: no token and a wrong token are refused with a clear message, a
 * reader token reads but changes nothing, an admin token does everything, loopback needs no token,
 * and the audit names the principal of every request, refused ones with their status. The tokens
 * are made by {@code ./berth token add}.
 */
class AuthIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Platform berth;
  private static String loopback;
  private static String remote;
  private static String address;
  private static URI gateway;
  private static URI remoteGateway;
  private static String readerToken;
  private static Path noToken;
  private static Path wrongToken;
  private static Path reader;
  private static Path admin;

  @BeforeAll
  static void startBerth() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    Assumptions.assumeTrue(
        ImageFixtures.busyboxInstalled(), "busybox-static is not installed (apt-get install)");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "containers need root (namespaces)");
    Optional<InetAddress> ip = nonLoopbackIpv4();
    Assumptions.assumeTrue(ip.isPresent(), "this host has no non-loopback IPv4 address");
    address = ip.get().getHostAddress();

    Path data = Files.createTempDirectory("berth-auth-it");
    Path work = Files.createTempDirectory("berth-auth-work");
    String adminToken = addToken(data, "ops", "admin");
    readerToken = addToken(data, "viewer", "reader");
    noToken = Files.createDirectories(work.resolve("no-token"));
    wrongToken = dockerConfig(work.resolve("wrong-token"), "0".repeat(64));
    reader = dockerConfig(work.resolve("reader"), readerToken);
    admin = dockerConfig(work.resolve("admin"), adminToken);

    berth =
        Platform.builder(Platform.findRepoRoot(), data)
            .freePorts()
            .env(BerthService.GATEWAY, "MICRONAUT_SERVER_HOST", "0.0.0.0")
            .startupTimeout(Duration.ofSeconds(240))
            .start();
    loopback = berth.dockerHost();
    gateway = berth.url(BerthService.GATEWAY);
    remote = "tcp://" + address + ":" + gateway.getPort();
    remoteGateway = URI.create("http://" + address + ":" + gateway.getPort());

    Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs")));
    Path tar = ImageFixtures.tarOf(rootfs, work.resolve("busybox.tar"));
    Fixtures.CliResult imported =
        docker(
            remote, admin, "import", "--change", "CMD [\"sh\"]", tar.toString(), "busybox:latest");
    assertThat(imported.exitCode()).as(imported.output()).isZero();
  }

  @AfterAll
  static void stopBerth() {
    if (berth != null) {
      berth.close();
    }
  }

  @Test
  void withoutAValidTokenARemoteClientIsRefusedWithAClearMessage() throws Exception {
    Fixtures.CliResult none = docker(remote, noToken, "ps");
    assertThat(none.exitCode()).isNotZero();
    assertThat(none.output())
        .contains(
            "Error response from daemon: authentication required: Berth accepts requests without"
                + " a token only from loopback; send 'Authorization: Bearer <token>'");

    Fixtures.CliResult wrong = docker(remote, wrongToken, "ps");
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.output())
        .contains(
            "Error response from daemon: authentication required: the bearer token is not valid");

    HttpResponse<String> audit = send(remoteGateway, "GET", "/berth/v1/audit", null);
    assertThat(audit.statusCode()).isEqualTo(401);
    assertThat(audit.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"berth\"");
    assertThat(JSON.readTree(audit.body()).path("message").asText())
        .startsWith("authentication required:");

    List<JsonNode> anonymous =
        settled("/berth/v1/audit?principal=anonymous&action=read", entries -> !entries.isEmpty());
    assertThat(anonymous)
        .anySatisfy(
            entry -> {
              assertNotLoopback(entry);
              assertThat(entry.path("outcome").asText())
                  .startsWith("401 authentication required: Berth accepts requests without");
              assertThat(entry.path("payload").path("path").asText()).endsWith("/containers/json");
            });
    List<JsonNode> unauthenticated =
        settled("/berth/v1/audit?principal=unauthenticated", entries -> !entries.isEmpty());
    assertThat(unauthenticated)
        .anySatisfy(
            entry -> {
              assertNotLoopback(entry);
              assertThat(entry.path("outcome").asText())
                  .isEqualTo(
                      "401 authentication required: the bearer token is not valid"
                          + " (unknown or revoked)");
            });
  }

  @Test
  void aReaderReadsEverythingButChangesNothing() throws Exception {
    long since = Instant.now().getEpochSecond() - 1;
    Fixtures.CliResult created =
        docker(remote, admin, "create", "--name", "made-by-ops", "busybox", "true");
    assertThat(created.exitCode()).as(created.output()).isZero();

    Fixtures.CliResult ps = docker(remote, reader, "ps", "-a", "--format", "{{.Names}}");
    assertThat(ps.exitCode()).as(ps.output()).isZero();
    assertThat(ps.output().lines()).contains("made-by-ops");
    Fixtures.CliResult images = docker(remote, reader, "images", "--format", "{{.Repository}}");
    assertThat(images.exitCode()).as(images.output()).isZero();
    assertThat(images.output().lines()).contains("busybox");
    Fixtures.CliResult events =
        docker(
            remote,
            reader,
            "events",
            "--since",
            String.valueOf(since),
            "--until",
            String.valueOf(Instant.now().getEpochSecond() + 1),
            "--filter",
            "container=made-by-ops",
            "--format",
            "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}");
    assertThat(events.exitCode()).as(events.output()).isZero();
    assertThat(events.output().lines()).contains("container create made-by-ops");
    HttpResponse<String> audit =
        send(remoteGateway, "GET", "/berth/v1/audit?principal=ops", readerToken);
    assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);

    Fixtures.CliResult run =
        docker(remote, reader, "run", "--name", "reader-try", "busybox", "true");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output())
        .contains(
            "Error response from daemon: permission denied: 'viewer' has the reader role, which"
                + " may only read; POST /")
        .contains("/containers/create needs the admin role");
    Fixtures.CliResult rm = docker(remote, reader, "rm", "made-by-ops");
    assertThat(rm.exitCode()).isNotZero();
    assertThat(rm.output()).contains("permission denied: 'viewer' has the reader role");
    // A hijacked attach passes the same gate.
    HttpResponse<String> attach =
        send(
            remoteGateway,
            "POST",
            "/v1.44/containers/made-by-ops/attach?stream=1&stdout=1",
            readerToken);
    assertThat(attach.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(attach.body()).path("message").asText())
        .startsWith("permission denied: 'viewer'");

    Fixtures.CliResult all = docker(loopback, noToken, "ps", "-a", "--format", "{{.Names}}");
    assertThat(all.output().lines()).contains("made-by-ops").doesNotContain("reader-try");

    List<JsonNode> denied =
        settled(
            "/berth/v1/audit?principal=viewer",
            entries ->
                entries.stream().filter(e -> e.path("outcome").asText().startsWith("403")).count()
                    >= 3);
    assertThat(denied)
        .filteredOn(entry -> entry.path("outcome").asText().startsWith("403 permission denied"))
        .extracting(entry -> entry.path("action").asText())
        .contains("container.create", "container.remove", "request");
    assertThat(denied)
        .filteredOn(entry -> entry.path("action").asText().equals("container.remove"))
        .allSatisfy(
            entry -> {
              assertNotLoopback(entry);
              assertThat(entry.path("name").asText()).isEqualTo("made-by-ops");
            });
  }

  @Test
  void anAdminDoesEverythingAndTheAuditNamesIt() throws Exception {
    // docker run without -d attaches: the hijacked connection, authenticated, carries the output.
    Fixtures.CliResult run =
        docker(remote, admin, "run", "--name", "run-by-ops", "busybox", "echo", "hello-auth");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("hello-auth");
    Fixtures.CliResult rm = docker(remote, admin, "rm", "run-by-ops");
    assertThat(rm.exitCode()).as(rm.output()).isZero();

    List<JsonNode> history =
        settled(
            "/berth/v1/containers/run-by-ops/history",
            entries ->
                entries.stream()
                    .anyMatch(e -> e.path("type").asText().equals("io.berth.container.Removed")));
    JsonNode create =
        history.stream()
            .filter(e -> e.path("kind").asText().equals("request"))
            .filter(e -> e.path("action").asText().equals("container.create"))
            .findFirst()
            .orElseThrow();
    assertThat(create.path("principal").asText()).isEqualTo("ops");
    assertNotLoopback(create);
    assertThat(create.path("outcome").asText()).startsWith("201");
    assertThat(history)
        .filteredOn(e -> e.path("type").asText().equals("io.berth.container.CreateRequested"))
        .singleElement()
        .satisfies(command -> assertThat(command.path("principal").asText()).isEqualTo("ops"));
    assertThat(history)
        .filteredOn(e -> e.path("kind").asText().equals("request"))
        .extracting(e -> e.path("principal").asText())
        .containsOnly("ops");
  }

  @Test
  void loopbackNeedsNoToken() throws Exception {
    Fixtures.CliResult run =
        docker(loopback, noToken, "run", "--rm", "busybox", "echo", "local-anonymous");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("local-anonymous");
    Fixtures.CliResult wrong = docker(loopback, wrongToken, "ps");
    assertThat(wrong.exitCode()).as("a wrong token is refused, also from loopback").isNotZero();
    assertThat(wrong.output()).contains("authentication required: the bearer token is not valid");
  }

  @Test
  void aTokenAddedOrRemovedWhileBerthRunsCountsAtOnce() throws Exception {
    Path data = berth.dataDir();
    Path late =
        dockerConfig(
            data.resolveSibling(data.getFileName() + "-late"), addToken(data, "late", "reader"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Fixtures.CliResult ps = docker(remote, late, "ps");
              assertThat(ps.exitCode()).as(ps.output()).isZero();
            });

    ProcessBuilder rm =
        new ProcessBuilder(
                Platform.findRepoRoot().resolve("berth").toString(), "token", "rm", "late")
            .redirectErrorStream(true);
    rm.environment().put("BERTH_DATA_DIR", data.toString());
    rm.environment().remove("BERTH_AUTH_TOKENS_FILE");
    assertThat(rm.start().waitFor()).isZero();
    assertThat(Files.readString(data.resolve("gateway/tokens")))
        .doesNotContain("late ")
        .contains("ops admin ", "viewer reader ");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Fixtures.CliResult ps = docker(remote, late, "ps");
              assertThat(ps.exitCode()).isNotZero();
              assertThat(ps.output()).contains("the bearer token is not valid");
            });
  }

  // ---------------------------------------------------------------------------------- helpers

  /** Runs {@code ./berth token add} on the platform's data dir; returns the token it printed. */
  private static String addToken(Path data, String principal, String role) throws Exception {
    Path script = Platform.findRepoRoot().resolve("berth");
    ProcessBuilder builder = new ProcessBuilder(script.toString(), "token", "add", principal, role);
    builder.environment().put("BERTH_DATA_DIR", data.toString());
    builder.environment().remove("BERTH_AUTH_TOKENS_FILE");
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    String token =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(token).matches("[0-9a-f]{64}");
    assertThat(Files.readString(data.resolve("gateway/tokens")))
        .contains(principal + " " + role + " ")
        .doesNotContain(token);
    return token;
  }

  /** A docker CLI config dir whose config.json sends {@code Authorization: Bearer <token>}. */
  private static Path dockerConfig(Path dir, String token) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("config.json"),
        "{\"HttpHeaders\": {\"Authorization\": \"Bearer " + token + "\"}}");
    return dir;
  }

  /**
   * The request came from a non-loopback address. (Which one is the kernel's choice: with other
   * bridges on the host a connection to one local address may leave from another.)
   */
  private static void assertNotLoopback(JsonNode entry) throws Exception {
    String from = entry.path("remoteAddress").asText();
    assertThat(from).as(entry.toString()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
    assertThat(InetAddress.getByName(from).isLoopbackAddress()).as(from).isFalse();
  }

  /** An IPv4 address of the interface of the default route, else of any non-loopback one. */
  private static Optional<InetAddress> nonLoopbackIpv4() throws Exception {
    List<NetworkInterface> nics = new ArrayList<>();
    Path routes = Path.of("/proc/net/route");
    if (Files.isReadable(routes)) {
      for (String line : Files.readAllLines(routes)) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 1 && fields[1].equals("00000000")) {
          NetworkInterface nic = NetworkInterface.getByName(fields[0]);
          if (nic != null) {
            nics.add(nic);
          }
        }
      }
    }
    nics.addAll(Collections.list(NetworkInterface.getNetworkInterfaces()));
    for (NetworkInterface nic : nics) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress candidate : Collections.list(nic.getInetAddresses())) {
        if (candidate instanceof Inet4Address && !candidate.isLoopbackAddress()) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static HttpResponse<String> send(URI base, String method, String path, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The audit entries at {@code path} (asked over loopback) once {@code done} holds. */
  private static List<JsonNode> settled(
      String path, java.util.function.Predicate<List<JsonNode>> done) {
    List<List<JsonNode>> last = new ArrayList<>(List.of(List.of()));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              HttpResponse<String> response = Fixtures.get(gateway, path);
              assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
              List<JsonNode> entries = new ArrayList<>();
              JSON.readTree(response.body()).path("entries").forEach(entries::add);
              last.set(0, entries);
              assertThat(done.test(entries)).as(response.body()).isTrue();
            });
    return last.get(0);
  }
}
