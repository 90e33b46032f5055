package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.launcher.BerthService;
import io.berth.launcher.Platform;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit history (docs/audit.md) through the stock docker CLI: a container's whole timeline with
 * who asked, after {@code docker rm}, secrets redacted, a refused request audited with its status,
 * and the same answers after the projection is dropped and rebuilt from Kafka.
 */
class AuditIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Platform berth;
  private static String host;
  private static URI gateway;

  @BeforeAll
  static void startBerth() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    Assumptions.assumeTrue(
        ImageFixtures.busyboxInstalled(), "busybox-static is not installed (apt-get install)");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "containers need root (namespaces)");
    Path data = Files.createTempDirectory("berth-audit-it");
    Path work = Files.createTempDirectory("berth-audit-work");
    berth =
        Platform.builder(Platform.findRepoRoot(), data)
            .freePorts()
            .startupTimeout(Duration.ofSeconds(240))
            .start();
    host = berth.dockerHost();
    gateway = berth.url(BerthService.GATEWAY);
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
  void aRemovedContainersHistoryNamesWhoAskedAndSurvivesARebuild() throws Exception {
    // The process outlives its start: the container-service publishes the Died of a process that
    // exits at once before its Started (seen here twice), which is its order, not the audit's.
    Fixtures.CliResult run =
        docker(
            host,
            "run",
            "--name",
            "audited",
            "-e",
            "SECRET=x",
            "busybox",
            "sh",
            "-c",
            "sleep 1; exit 3");
    assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
    assertThat(docker(host, "rm", "audited").exitCode()).isZero();
    Fixtures.CliResult missing = docker(host, "rm", "nosuchcontainer-audit");
    assertThat(missing.exitCode()).as(missing.output()).isNotZero();

    String history = settled("/berth/v1/containers/audited/history", AuditIT::complete);
    List<JsonNode> entries = entries(history);

    JsonNode create = first(entries, "action", "container.create", "kind", "request");
    assertThat(create.path("principal").asText()).isEqualTo("anonymous");
    assertThat(create.path("remoteAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(create.path("outcome").asText()).startsWith("201");
    JsonNode command =
        first(entries, "type", "io.berth.container.CreateRequested", "kind", "command");
    assertThat(command.path("principal").asText())
        .as("joined by correlation id")
        .isEqualTo("anonymous");
    assertThat(command.path("correlationId").asText())
        .isEqualTo(create.path("correlationId").asText());
    assertThat(history).contains("SECRET=<redacted>").doesNotContain("SECRET=x");
    // docker rm resolves the name first: the command is sent from the query's callback.
    JsonNode remove =
        first(entries, "type", "io.berth.container.RemoveRequested", "kind", "command");
    assertThat(remove.path("principal").asText()).as(history).isEqualTo("anonymous");
    assertThat(remove.path("action").asText()).isEqualTo("container.remove");

    List<String> lifecycle =
        entries.stream()
            .filter(entry -> entry.path("kind").asText().equals("event"))
            .map(entry -> entry.path("type").asText())
            .filter(type -> type.startsWith("io.berth.container."))
            .toList();
    assertThat(lifecycle)
        .as(history)
        .containsSubsequence(
            "io.berth.container.Created",
            "io.berth.container.Started",
            "io.berth.container.Died",
            "io.berth.container.Removed");
    assertThat(
            first(entries, "type", "io.berth.container.Died", "kind", "event")
                .path("outcome")
                .asText())
        .isEqualTo("exit 3");

    String refused =
        settled(
            "/berth/v1/audit?container=nosuchcontainer-audit&action=container.remove",
            body -> entries(body).size() == 1);
    JsonNode rm = entries(refused).get(0);
    assertThat(rm.path("outcome").asText()).startsWith("404").contains("No such container");
    assertThat(rm.path("principal").asText()).isEqualTo("anonymous");

    HttpResponse<String> lines =
        Fixtures.get(gateway, "/berth/v1/containers/audited/history?format=jsonl");
    assertThat(lines.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
    assertThat(lines.body().lines()).hasSize(entries.size());

    HttpResponse<String> rebuild = Fixtures.post(gateway, "/berth/v1/audit/rebuild", "");
    assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(Fixtures.get(gateway, "/berth/v1/containers/audited/history").body())
                  .isEqualTo(history);
              assertThat(
                      Fixtures.get(
                              gateway,
                              "/berth/v1/audit?container=nosuchcontainer-audit"
                                  + "&action=container.remove")
                          .body())
                  .isEqualTo(refused);
            });
  }

  /** Whether a history holds the whole lifecycle and the audit record of the rm. */
  private static boolean complete(String body) {
    List<JsonNode> entries = entries(body);
    boolean removed =
        entries.stream()
            .anyMatch(e -> e.path("type").asText().equals("io.berth.container.Removed"));
    boolean rmAudited =
        entries.stream()
            .anyMatch(
                e ->
                    e.path("action").asText().equals("container.remove")
                        && e.path("kind").asText().equals("request"));
    return removed && rmAudited;
  }

  /** The body of {@code path} once it satisfies {@code done} and two reads in a row agree. */
  private static String settled(String path, Predicate<String> done) {
    AtomicReference<String> last = new AtomicReference<>("");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(700))
        .until(
            () -> {
              HttpResponse<String> response = Fixtures.get(gateway, path);
              String body = response.statusCode() == 200 ? response.body() : "";
              boolean same = body.equals(last.getAndSet(body));
              return same && !body.isEmpty() && done.test(body);
            });
    return last.get();
  }

  private static List<JsonNode> entries(String body) {
    try {
      return StreamSupport.stream(JSON.readTree(body).path("entries").spliterator(), false)
          .toList();
    } catch (Exception e) {
      return new ArrayList<>();
    }
  }

  private static JsonNode first(
      List<JsonNode> entries, String field, String value, String field2, String value2) {
    return entries.stream()
        .filter(e -> e.path(field).asText().equals(value) && e.path(field2).asText().equals(value2))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no entry with " + field + "=" + value + " in " + entries));
  }
}
