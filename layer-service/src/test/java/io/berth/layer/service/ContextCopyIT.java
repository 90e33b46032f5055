package io.berth.layer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.CommandFailed;
import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.Topic;
import io.berth.events.layer.ContextCopied;
import io.berth.events.layer.ContextCopyRequested;
import io.berth.events.layer.GarbageCollectRequested;
import io.berth.events.layer.GarbageCollected;
import io.berth.launcher.EmbeddedKafkaBroker;
import io.berth.layer.content.Digest;
import io.berth.layer.snapshot.ChainIds;
import io.berth.messaging.KafkaClients;
import io.berth.messaging.MessagePublisher;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A build's {@code COPY} as the image-service asks for it, on a real broker: a context of 10,000
 * small files becomes one layer blob, leased against the collector, the same again when asked
 * again; a missing source is a {@link CommandFailed} in Docker's words.
 */
class ContextCopyIT {

  private static final int DIRS = 100;
  private static final int FILES_PER_DIR = 100;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static EmbeddedKafkaBroker broker;
  private static EmbeddedServer server;
  private static MessagePublisher publisher;
  private static KafkaConsumer<String, byte[]> events;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createTempDirectory("berth-copy-it");
    broker = EmbeddedKafkaBroker.startOnFreePorts(data.resolve("kafka"));
    server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "berth.data-dir",
                data.toString(),
                "kafka.bootstrap.servers",
                broker.bootstrapServers(),
                "micronaut.server.port",
                -1,
                "berth.layer.unpack-on-import",
                false));
    publisher =
        new MessagePublisher(new KafkaClients(broker.bootstrapServers(), "copy-it"), "copy-it");
    events = new KafkaClients(broker.bootstrapServers(), "copy-it-reader").standaloneConsumer("it");
    List<TopicPartition> partitions =
        events.partitionsFor(Topic.LAYER_EVENTS.topicName()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    events.assign(partitions);
    events.seekToBeginning(partitions);
  }

  @AfterAll
  static void stop() {
    if (events != null) {
      events.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (server != null) {
      server.getApplicationContext().close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void tenThousandSmallFilesBecomeOneLeasedDeterministicLayer() throws Exception {
    String context = upload(context());
    Digest base =
        Digest.parse( // an uploaded plain tar's diff id is its digest
            upload(
                tar(
                    Map.of(
                        "etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/:/bin/sh\n",
                        "etc/group", "root:x:0:\napp:x:1000:\n"))));
    ContextCopyRequested request =
        new ContextCopyRequested(
            "build-it-1",
            context,
            null,
            List.of(),
            List.of("files"),
            List.of("files/ignored"),
            "app/",
            "/",
            "app",
            false,
            ChainIds.of(List.of(base)).get(0).value(),
            List.of(base.value()));

    long started = System.nanoTime();
    ContextCopied copied = command(request, ContextCopied.class);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("ContextCopyIT: copying %d files took %d ms%n", DIRS * FILES_PER_DIR, millis);

    assertThat(copied.diffId()).isEqualTo(copied.digest());
    assertThat(copied.mediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar");
    assertThat(copied.files()).isEqualTo(1 + DIRS + DIRS * FILES_PER_DIR);
    byte[] layer = get("/layers/" + copied.diffId());
    assertThat(layer.length).isEqualTo(copied.size());
    List<TarArchiveEntry> entries = new ArrayList<>();
    String sample = null;
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(layer))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        entries.add(e);
        if (e.getName().equals("app/dir-042/file-0042.txt")) {
          sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(entries).hasSize(copied.files());
    assertThat(entries.get(0).getName()).isEqualTo("app/");
    assertThat(entries.get(1).getName()).isEqualTo("app/dir-000/");
    assertThat(entries.get(2).getName()).isEqualTo("app/dir-000/file-0000.txt");
    assertThat(entries).noneMatch(e -> e.getName().contains("ignored"));
    assertThat(entries).allMatch(e -> e.getLongUserId() == 1000 && e.getLongGroupId() == 1000);
    assertThat(sample).isEqualTo("file 42 of dir 42\n");

    GarbageCollected gc =
        command(new GarbageCollectRequested("gc-after-copy"), GarbageCollected.class);
    assertThat(get("/layers/" + copied.diffId())).as("leased: %s", gc).hasSize(layer.length);

    ContextCopied again = command(request, ContextCopied.class);
    assertThat(again.diffId()).isEqualTo(copied.diffId());
    assertThat(again.files()).isEqualTo(copied.files());
  }

  @Test
  void aMissingSourceFailsTheCommandInDockersWords() throws Exception {
    String context = upload(tar(Map.of("present.txt", "here\n")));
    CommandFailed failed =
        command(
            new ContextCopyRequested(
                "build-it-2",
                context,
                null,
                List.of(),
                List.of("absent.txt"),
                List.of(),
                "/",
                "/",
                null,
                false,
                null,
                List.of()),
            CommandFailed.class);
    assertThat(failed.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failed.message())
        .isEqualTo(
            "COPY failed: file not found in build context or excluded by .dockerignore:"
                + " stat absent.txt: file does not exist");
  }

  private static byte[] context() throws IOException {
    Map<String, String> files = new java.util.TreeMap<>();
    for (int d = 0; d < DIRS; d++) {
      for (int f = 0; f < FILES_PER_DIR; f++) {
        files.put(
            String.format("files/dir-%03d/file-%04d.txt", d, f),
            "file " + f + " of dir " + d + "\n");
      }
    }
    files.put("files/ignored/secret.txt", "never copied\n");
    files.put("Dockerfile", "FROM scratch\nCOPY --chown=app files app/\n");
    return tar(files);
  }

  private static byte[] tar(Map<String, String> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (var file : new java.util.TreeMap<>(files).entrySet()) {
        byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(content.length);
        entry.setMode(0644);
        entry.setModTime(1_600_000_000_000L);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static <T extends Message> T command(Message command, Class<T> outcome) throws Exception {
    var encoded = EventCodec.encodeFirst(URI.create("/it"), command);
    String id = new String(encoded.headers().get("ce_id"), StandardCharsets.UTF_8);
    publisher.publish(encoded).get();
    Message[] found = new Message[1];
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(100))) {
                Map<String, byte[]> headers = new HashMap<>();
                record.headers().forEach(h -> headers.put(h.key(), h.value()));
                Enveloped<Message> event = EventCodec.decode(headers, record.value());
                if (id.equals(event.envelope().causationId())) {
                  found[0] = event.payload();
                }
              }
              return found[0] != null;
            });
    assertThat(found[0]).as(found[0].toString()).isInstanceOf(outcome);
    return outcome.cast(found[0]);
  }

  private static String upload(byte[] body) throws Exception {
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(server.getURI().resolve("/blobs"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isBetween(200, 299);
    return new ObjectMapper().readTree(response.body()).path("digest").asText();
  }

  private static byte[] get(String path) throws Exception {
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(server.getURI().resolve(path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
    return response.body();
  }
}
