package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.launcher.Platform;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Networking through the stock docker CLI: the default bridge, published ports reached from the
 * host's loopback, user-defined networks whose containers find each other by name and alias and are
 * isolated from other networks, {@code --network none}, network events, and a host left as it was
 * found (no veth, bridge, address or iptables rule of Berth).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworksIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SERVE =
      "mkdir -p /www && echo hello from $(hostname) > /www/index.html && exec httpd -f -p %d -h /www";

  private static Platform berth;
  private static String host;
  private static HostState before;

  @BeforeAll
  static void startBerth() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    Assumptions.assumeTrue(
        ImageFixtures.busyboxInstalled(), "busybox-static is not installed (apt-get install)");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "networks need root (namespaces)");
    before = HostState.now();
    Path data = Files.createTempDirectory("berth-networks-it");
    Path work = Files.createTempDirectory("berth-networks-work");
    berth =
        Platform.builder(Platform.findRepoRoot(), data)
            .freePorts()
            .startupTimeout(Duration.ofSeconds(120))
            .start();
    host = berth.dockerHost();
    Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs")));
    Path tar = ImageFixtures.tarOf(rootfs, work.resolve("busybox.tar"));
    Fixtures.CliResult imported =
        docker(host, "import", "--change", "CMD [\"sh\"]", tar.toString(), "busybox:latest");
    assertThat(imported.exitCode()).as(imported.output()).isZero();
  }

  @AfterAll
  static void stopBerth() {
    if (berth != null) {
      berth.close();
    }
  }

  @Test
  @Order(1)
  void theDefaultBridgeGivesAnAddressAndARouteOut() throws Exception {
    Fixtures.CliResult run =
        docker(host, "run", "--rm", "busybox", "sh", "-c", "ip -4 -o addr show eth0; ip route");
    assertThat(run.exitCode()).as(run.output()).isZero();
    String gateway = defaultGateway();
    // 172.30.0.0/16 unless a route of the host (another platform's bridge) overlaps it.
    assertThat(gateway).isIn("172.30.0.1", "10.230.0.1", "192.168.230.1");
    String network = gateway.substring(0, gateway.lastIndexOf('.') + 1);
    assertThat(run.output()).contains("inet " + network).contains("default via " + gateway);
  }

  @Test
  @Order(2)
  void aPublishedPortIsReachableThroughThePortDockerPortShows() throws Exception {
    Fixtures.CliResult run =
        docker(
            host,
            "run",
            "-d",
            "--name",
            "web",
            "-p",
            "127.0.0.1::8080",
            "busybox",
            "sh",
            "-c",
            String.format(SERVE, 8080));
    assertThat(run.exitCode()).as(run.output()).isZero();
    try {
      Fixtures.CliResult port = docker(host, "port", "web", "8080");
      assertThat(port.exitCode()).as(port.output()).isZero();
      assertThat(port.output()).matches("127\\.0\\.0\\.1:\\d+");
      URI uri = URI.create("http://" + port.output() + "/");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                HttpResponse<String> response =
                    http.send(
                        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).startsWith("hello from ");
              });
      Fixtures.CliResult ps = docker(host, "ps", "--format", "{{.Ports}}", "--filter", "name=web");
      assertThat(ps.output()).isEqualTo(port.output() + "->8080/tcp");
      JsonNode settings = inspect("web").path("NetworkSettings");
      assertThat(settings.path("Ports").path("8080/tcp").get(0).path("HostIp").asText())
          .isEqualTo("127.0.0.1");
      String gateway = defaultGateway();
      assertThat(settings.path("IPAddress").asText())
          .startsWith(gateway.substring(0, gateway.lastIndexOf('.') + 1));
      assertThat(settings.path("Networks").path("bridge").path("Gateway").asText())
          .isEqualTo(gateway);
      assertThat(settings.path("MacAddress").asText()).startsWith("02:42:");
    } finally {
      docker(host, "rm", "-f", "web");
    }
  }

  @Test
  @Order(3)
  void containersOnAUserNetworkReachEachOtherByNameAndAliasOnly() throws Exception {
    Instant since = Instant.now().minusSeconds(1);
    assertThat(docker(host, "network", "create", "itnet").exitCode()).isZero();
    Fixtures.CliResult server =
        docker(
            host,
            "run",
            "-d",
            "--name",
            "srv",
            "--network",
            "itnet",
            "--network-alias",
            "api",
            "busybox",
            "sh",
            "-c",
            String.format(SERVE, 80));
    assertThat(server.exitCode()).as(server.output()).isZero();
    try {
      Fixtures.CliResult byName =
          docker(
              host,
              "run",
              "--rm",
              "--network",
              "itnet",
              "busybox",
              "sh",
              "-c",
              "ping -c1 -W2 srv && wget -qO- http://srv/ && wget -qO- http://api/");
      assertThat(byName.exitCode()).as(byName.output()).isZero();
      assertThat(byName.output()).contains("1 packets received").contains("hello from");
      JsonNode endpoint = inspect("srv").path("NetworkSettings").path("Networks").path("itnet");
      String address = endpoint.path("IPAddress").asText();
      assertThat(address).isNotEmpty();
      assertThat(endpoint.path("Aliases").toString()).contains("api");
      assertThat(endpoint.path("NetworkID").asText()).hasSize(64);
      Fixtures.CliResult fromDefault =
          docker(
              host, "run", "--rm", "busybox", "wget", "-T", "2", "-qO-", "http://" + address + "/");
      assertThat(fromDefault.exitCode()).as("another network is isolated").isNotZero();
      Fixtures.CliResult client =
          docker(host, "run", "-d", "--name", "cli", "busybox", "sleep", "300");
      assertThat(client.exitCode()).as(client.output()).isZero();
      Fixtures.CliResult connect = docker(host, "network", "connect", "itnet", "cli");
      assertThat(connect.exitCode()).as(connect.output()).isZero();
      Fixtures.CliResult viaConnect = docker(host, "exec", "cli", "wget", "-qO-", "http://srv/");
      assertThat(viaConnect.output()).as("a connected running container").startsWith("hello from");
      Fixtures.CliResult disconnect = docker(host, "network", "disconnect", "itnet", "cli");
      assertThat(disconnect.exitCode()).as(disconnect.output()).isZero();
      Fixtures.CliResult afterDisconnect =
          docker(host, "exec", "cli", "wget", "-T", "2", "-qO-", "http://" + address + "/");
      assertThat(afterDisconnect.exitCode()).as("disconnected").isNotZero();
      Fixtures.CliResult ls = docker(host, "network", "ls", "--format", "{{.Name}}");
      assertThat(ls.output().lines()).contains("bridge", "host", "none", "itnet");
      JsonNode network = JSON.readTree(docker(host, "network", "inspect", "itnet").output()).get(0);
      assertThat(network.path("Containers").toString()).contains("srv");
    } finally {
      docker(host, "rm", "-f", "srv", "cli");
    }
    Fixtures.CliResult rm = docker(host, "network", "rm", "itnet");
    assertThat(rm.exitCode()).as(rm.output()).isZero();
    Fixtures.CliResult events =
        docker(
            host,
            "events",
            "--filter",
            "type=network",
            "--filter",
            "network=itnet",
            "--since",
            Long.toString(since.getEpochSecond()),
            "--until",
            Long.toString(Instant.now().getEpochSecond() + 1),
            "--format",
            "{{.Action}}");
    assertThat(events.output().lines().toList())
        .containsSubsequence("create", "connect", "disconnect", "destroy");
  }

  @Test
  @Order(3)
  void publishAllChoosesAFreeHostPortOnEveryAddress() throws Exception {
    Fixtures.CliResult run =
        docker(
            host,
            "run",
            "-d",
            "--name",
            "all",
            "--expose",
            "9000",
            "-P",
            "busybox",
            "sh",
            "-c",
            String.format(SERVE, 9000));
    assertThat(run.exitCode()).as(run.output()).isZero();
    try {
      Fixtures.CliResult port = docker(host, "port", "all", "9000/tcp");
      assertThat(port.output().lines().findFirst().orElse("")).matches("0\\.0\\.0\\.0:\\d+");
      String hostPort = port.output().lines().findFirst().orElseThrow().split(":")[1];
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(
                          http.send(
                                  HttpRequest.newBuilder(
                                          URI.create("http://127.0.0.1:" + hostPort + "/"))
                                      .timeout(Duration.ofSeconds(2))
                                      .build(),
                                  HttpResponse.BodyHandlers.ofString())
                              .body())
                      .startsWith("hello from"));
    } finally {
      docker(host, "rm", "-f", "all");
    }
  }

  @Test
  @Order(4)
  void networkNoneHasOnlyLoopbackAndHostsGetExtraEntries() throws Exception {
    Fixtures.CliResult none =
        docker(host, "run", "--rm", "--network", "none", "busybox", "ip", "-o", "link");
    assertThat(none.exitCode()).as(none.output()).isZero();
    assertThat(none.output().lines().toList()).hasSize(1).allMatch(l -> l.contains(": lo:"));
    Fixtures.CliResult etc =
        docker(
            host,
            "run",
            "--rm",
            "--add-host",
            "db.example:192.0.2.10",
            "--dns",
            "192.0.2.53",
            "busybox",
            "cat",
            "/etc/hosts",
            "/etc/resolv.conf");
    assertThat(etc.output()).contains("192.0.2.10\tdb.example").contains("nameserver 192.0.2.53");
  }

  @Test
  @Order(5)
  void nothingOfBerthIsLeftOnTheHost() throws Exception {
    Fixtures.CliResult inspect = docker(host, "network", "inspect", "bridge");
    String bridge =
        JSON.readTree(inspect.output())
            .get(0)
            .path("Options")
            .path("com.docker.network.bridge.name")
            .asText();
    assertThat(HostState.now().berthLinks()).as("the default bridge").contains(bridge);
    try (var plugged = Files.list(Path.of("/sys/class/net", bridge, "brif"))) {
      assertThat(plugged.toList()).as("veths left on " + bridge).isEmpty();
    }
    berth.close();
    berth = null;
    HostState after = HostState.now();
    assertThat(after.berthLinks()).isEqualTo(before.berthLinks());
    assertThat(after.berthAddresses()).isEqualTo(before.berthAddresses());
    assertThat(after.berthRules()).isEqualTo(before.berthRules());
  }

  private static String defaultGateway() throws Exception {
    Fixtures.CliResult inspect = docker(host, "network", "inspect", "bridge");
    assertThat(inspect.exitCode()).as(inspect.output()).isZero();
    return JSON.readTree(inspect.output())
        .get(0)
        .path("IPAM")
        .path("Config")
        .get(0)
        .path("Gateway")
        .asText();
  }

  private static JsonNode inspect(String name) throws Exception {
    Fixtures.CliResult inspect = docker(host, "inspect", name);
    assertThat(inspect.exitCode()).as(inspect.output()).isZero();
    return JSON.readTree(inspect.output()).get(0);
  }

  /** Berth's interfaces, addresses and iptables rules on the host at one moment. */
  record HostState(List<String> links, List<String> addresses, List<String> rules) {

    static HostState now() throws Exception {
      return new HostState(run("ip", "-o", "link"), run("ip", "-o", "-4", "addr"), iptables());
    }

    private static List<String> iptables() throws Exception {
      List<String> rules = new ArrayList<>(run("iptables-save", "-t", "filter"));
      rules.addAll(run("iptables-save", "-t", "nat"));
      return rules;
    }

    List<String> berthLinks() {
      return links.stream()
          .map(l -> l.split(":")[1].trim().split("@")[0])
          .filter(name -> name.startsWith("bth") || name.startsWith("vb"))
          .toList();
    }

    List<String> berthAddresses() {
      return addresses.stream().filter(l -> l.contains(" bth")).toList();
    }

    List<String> berthRules() {
      return rules.stream()
          .filter(l -> l.contains("BERTH") || l.contains("bth"))
          .filter(l -> !l.startsWith("#"))
          .toList();
    }

    private static List<String> run(String... command) throws Exception {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return out.lines().toList();
    }
  }
}
