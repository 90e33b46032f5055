package io.berth.layer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.Enveloped;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.Topic;
import io.berth.events.image.ImageConfig;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageImported;
import io.berth.events.image.ImageRemoved;
import io.berth.events.layer.DiffCommitRequested;
import io.berth.events.layer.DiffCommitted;
import io.berth.events.layer.GarbageCollectRequested;
import io.berth.events.layer.GarbageCollected;
import io.berth.events.layer.SnapshotPrepareRequested;
import io.berth.events.layer.SnapshotPrepared;
import io.berth.events.layer.SnapshotRemoveRequested;
import io.berth.events.layer.SnapshotRemoved;
import io.berth.launcher.EmbeddedKafkaBroker;
import io.berth.layer.content.Digest;
import io.berth.layer.fs.OverlayMount;
import io.berth.layer.snapshot.ChainIds;
import io.berth.messaging.KafkaClients;
import io.berth.messaging.MessagePublisher;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer-service as others use it, on a real broker and the real kernel: the blob endpoint,
 * snapshots of a 130-layer chain mounted as one overlay, a diff of what a container wrote, and
 * garbage collection driven by image events.
 */
class LayerServiceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Path data;
  private static EmbeddedKafkaBroker broker;
  private static EmbeddedServer server;
  private static URI base;
  private static MessagePublisher publisher;
  private static final List<Enveloped<Message>> events = new CopyOnWriteArrayList<>();
  private static Thread reader;
  private static volatile boolean reading = true;

  @BeforeAll
  static void start() throws Exception {
    data = Files.createTempDirectory("berth-layer-it");
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
                "berth.layer.upload-lease",
                "1s",
                "berth.layer.unpack-on-import",
                false));
    base = server.getURI();
    publisher = new MessagePublisher(new KafkaClients(broker.bootstrapServers(), "layer-it"), "it");
    reader = new Thread(LayerServiceIT::readEvents, "layer-events-reader");
    reader.setDaemon(true);
    reader.start();
  }

  @AfterAll
  static void stop() {
    reading = false;
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
  void blobsAreStoredOnceVerifiedAndServedWithRanges() throws Exception {
    byte[] bytes = "0123456789 not a tar".getBytes(StandardCharsets.UTF_8);
    JsonNode stored = json(post("/blobs", bytes));
    String digest = stored.path("digest").asText();
    assertThat(digest).isEqualTo(Digest.of(bytes).value());
    assertThat(stored.hasNonNull("diffId")).isFalse();
    assertThat(post("/blobs", bytes).statusCode()).isEqualTo(201);
    assertThat(files(data.resolve("layer-service/content/blobs/sha256"), Digest.of(bytes).hex()))
        .isEqualTo(1);

    HttpResponse<byte[]> wrong =
        send(
            HttpRequest.newBuilder(base.resolve("/blobs/" + Digest.of(new byte[] {1}).value()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(new String(wrong.body(), StandardCharsets.UTF_8)).contains("not sha256:");

    HttpResponse<byte[]> range =
        send(HttpRequest.newBuilder(base.resolve("/blobs/" + digest)).header("Range", "bytes=2-5"));
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo("2345");
    assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 2-5/" + bytes.length);
    HttpResponse<byte[]> head =
        send(
            HttpRequest.newBuilder(base.resolve("/blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Berth-Blob-Size"))
        .as(head.headers().map().toString())
        .hasValue(Integer.toString(bytes.length));
    assertThat(
            send(HttpRequest.newBuilder(
                    base.resolve("/blobs/" + Digest.of(new byte[] {2}).value())))
                .statusCode())
        .isEqualTo(404);

    byte[] tar = tar(Map.of("hello.txt", "hello\n"), List.of());
    JsonNode gz = json(post("/blobs", gzip(tar)));
    assertThat(gz.path("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
    assertThat(gz.path("diffId").asText()).isEqualTo(Digest.of(tar).value());
    assertThat(gz.path("diffSize").asLong()).isEqualTo(tar.length);
    HttpResponse<byte[]> layer =
        send(HttpRequest.newBuilder(base.resolve("/layers/" + Digest.of(tar).value())));
    assertThat(layer.body()).isEqualTo(tar);
  }

  @Test
  void aChainOf130LayersMountsAsOneOverlayAndItsChangesBecomeALayer() throws Exception {
    Assumptions.assumeTrue(isRoot(), "overlay mounts need root");
    List<Digest> diffIds = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      List<String> whiteouts = i == 120 ? List.of(".wh.layer-3") : List.of();
      byte[] tar = tar(Map.of("layer-" + i, "content of " + i + "\n"), whiteouts);
      diffIds.add(Digest.parse(json(post("/blobs", tar)).path("diffId").asText()));
    }
    Digest top = ChainIds.of(diffIds).get(129);
    String key = "deep-" + System.nanoTime();
    SnapshotPrepared prepared =
        command(
            new SnapshotPrepareRequested(
                key, top.value(), diffIds.stream().map(Digest::value).toList()),
            SnapshotPrepared.class);
    assertThat(prepared.lowerDirs().size()).isLessThanOrEqualTo(64);
    assertThat(String.join(":", prepared.lowerDirs()).length())
        .isLessThan(OverlayMount.MAX_OPTIONS_LENGTH - 200);

    Path root = Files.createDirectories(data.resolve("mnt-" + key));
    try (OverlayMount mount =
        OverlayMount.mount(
            prepared.lowerDirs().stream().map(Path::of).toList(),
            Path.of(prepared.upperDir()),
            Path.of(prepared.workDir()),
            root)) {
      for (int i = 0; i < 130; i++) {
        if (i == 3) {
          assertThat(root.resolve("layer-3")).doesNotExist();
        } else {
          assertThat(root.resolve("layer-" + i)).hasContent("content of " + i);
        }
      }
      Files.writeString(root.resolve("written-by-container"), "new\n");
      Files.delete(root.resolve("layer-7"));
    }

    DiffCommitted diff = command(new DiffCommitRequested(key), DiffCommitted.class);
    byte[] layer = send(HttpRequest.newBuilder(base.resolve("/layers/" + diff.diffId()))).body();
    assertThat(names(layer)).contains("written-by-container", ".wh.layer-7");
    DiffCommitted again = command(new DiffCommitRequested(key), DiffCommitted.class);
    assertThat(again.diffId()).isEqualTo(diff.diffId());

    command(new SnapshotRemoveRequested(key), SnapshotRemoved.class);
    assertThat(Path.of(prepared.upperDir())).doesNotExist();
  }

  @Test
  void layersNoImageUsesAreCollectedAndSharedOnesKept() throws Exception {
    byte[] shared = tar(Map.of("base", "base\n"), List.of());
    byte[] onlyA = tar(Map.of("a", "a\n"), List.of());
    byte[] onlyB = tar(Map.of("b", "b\n"), List.of());
    for (byte[] t : List.of(shared, onlyA, onlyB)) {
      post("/blobs", t);
    }
    ImageDescriptor a = image("a", Digest.of(shared), Digest.of(onlyA));
    ImageDescriptor b = image("b", Digest.of(shared), Digest.of(onlyB));
    publisher.publish(EventCodec.encodeFirst(URI.create("/it"), new ImageImported(a, "-"))).get();
    publisher.publish(EventCodec.encodeFirst(URI.create("/it"), new ImageImported(b, "-"))).get();
    Path blobs = data.resolve("layer-service/content/blobs/sha256");
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

    publisher
        .publish(
            EventCodec.encodeFirst(
                URI.create("/it"), new ImageRemoved(b.imageId(), List.of(), List.of(b.imageId()))))
        .get();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !Files.exists(blobs.resolve(Digest.of(onlyB).hex())));
    assertThat(blobs.resolve(Digest.of(shared).hex())).exists();
    assertThat(blobs.resolve(Digest.of(onlyA).hex())).exists();
  }

  @Test
  void aRemovalDeliveredAfterTheLaterLoadOfTheSameImageKeepsItsLayers() throws Exception {
    byte[] layer = tar(Map.of("reloaded", "rmi then load\n"), List.of());
    post("/blobs", layer);
    ImageDescriptor image = image("reloaded", Digest.of(layer));
    // docker rmi, then docker load of the same image: the removal is written first...
    var removed =
        EventCodec.encodeFirst(
            URI.create("/it"),
            new ImageRemoved(image.imageId(), List.of(), List.of(image.imageId())));
    Thread.sleep(5); // two distinct event times, as two commands a moment apart have
    var loaded = EventCodec.encodeFirst(URI.create("/it"), new ImageImported(image, "-"));
    // ...but reaches the layer-service last (the events have different keys and partitions).
    publisher.publish(loaded).get();
    publisher.publish(removed).get();
    Path blob = data.resolve("layer-service/content/blobs/sha256").resolve(Digest.of(layer).hex());
    await()
        .pollDelay(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              command(
                  new GarbageCollectRequested("gc-" + System.nanoTime()), GarbageCollected.class);
              return true;
            });
    assertThat(blob).exists();
  }

  @Test
  void aFreshUploadIsLeasedAgainstTheCollectorUntilItsLeaseEnds() throws Exception {
    byte[] upload = tar(Map.of("in-flight", "an import not yet recorded\n"), List.of());
    post("/blobs", upload);
    Path blob = data.resolve("layer-service/content/blobs/sha256").resolve(Digest.of(upload).hex());
    GarbageCollected first =
        command(new GarbageCollectRequested("gc-" + System.nanoTime()), GarbageCollected.class);
    assertThat(blob).as("collected by %s", first).exists();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              command(
                  new GarbageCollectRequested("gc-" + System.nanoTime()), GarbageCollected.class);
              return !Files.exists(blob);
            });
    assertThat(
            send(HttpRequest.newBuilder(base.resolve("/blobs/" + Digest.of(upload).value())))
                .statusCode())
        .isEqualTo(404);
  }

  private static ImageDescriptor image(String name, Digest... diffIds) {
    List<Digest> layers = List.of(diffIds);
    return new ImageDescriptor(
        Digest.of(name.getBytes(StandardCharsets.UTF_8)).value(),
        List.of(name + ":latest"),
        ImageConfig.empty(),
        layers.stream().map(Digest::value).toList(),
        ChainIds.of(layers).stream().map(Digest::value).toList(),
        null,
        0,
        Instant.now());
  }

  private static <T extends Message> T command(Message command, Class<T> outcome) throws Exception {
    var encoded = EventCodec.encodeFirst(URI.create("/it"), command);
    String id = new String(encoded.headers().get("ce_id"), StandardCharsets.UTF_8);
    publisher.publish(encoded).get();
    Optional<Enveloped<Message>>[] found = new Optional[] {Optional.empty()};
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              found[0] =
                  events.stream().filter(e -> id.equals(e.envelope().causationId())).findFirst();
              return found[0].isPresent();
            });
    Message payload = found[0].get().payload();
    assertThat(payload).as(payload.toString()).isInstanceOf(outcome);
    return outcome.cast(payload);
  }

  private static void readEvents() {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaClients(broker.bootstrapServers(), "layer-it-reader").standaloneConsumer("it")) {
      TopicPartition partition = null;
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topic.LAYER_EVENTS.topicName()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (reading) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Map<String, byte[]> headers = new java.util.HashMap<>();
          record.headers().forEach(h -> headers.put(h.key(), h.value()));
          events.add(EventCodec.decode(headers, record.value()));
        }
      }
    }
  }

  private static byte[] tar(Map<String, String> files, List<String> whiteouts) throws IOException {
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
      for (String whiteout : whiteouts) {
        TarArchiveEntry entry = new TarArchiveEntry(whiteout);
        entry.setSize(0);
        entry.setModTime(1_600_000_000_000L);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static List<String> names(byte[] tar) throws IOException {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new java.io.ByteArrayInputStream(tar))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        names.add(e.getName().replaceFirst("^\\./", ""));
      }
    }
    return names;
  }

  private static HttpResponse<byte[]> post(String path, byte[] body) throws Exception {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    assertThat(response.statusCode()).as(new String(response.body())).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  private static long files(Path dir, String name) throws IOException {
    try (var list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().equals(name)).count();
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
