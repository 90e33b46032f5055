package io.berth.gateway.docker;

import io.berth.events.Catalogue;
import io.berth.events.CommandFailed;
import io.berth.events.EncodedMessage;
import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.QueryFailed;
import io.berth.events.Topic;
import io.berth.events.container.ContainerCreateRequested;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.ContainerDied;
import io.berth.events.container.ContainerExecCreateRequested;
import io.berth.events.container.ContainerExecCreated;
import io.berth.events.container.ContainerKillRequested;
import io.berth.events.container.ContainerKilled;
import io.berth.events.container.ContainerPauseRequested;
import io.berth.events.container.ContainerPaused;
import io.berth.events.container.ContainerRemoveRequested;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.container.ContainerRenameRequested;
import io.berth.events.container.ContainerRenamed;
import io.berth.events.container.ContainerRestartRequested;
import io.berth.events.container.ContainerRestarted;
import io.berth.events.container.ContainerStartRequested;
import io.berth.events.container.ContainerStarted;
import io.berth.events.container.ContainerStopRequested;
import io.berth.events.container.ContainerStopped;
import io.berth.events.container.ContainerUnpauseRequested;
import io.berth.events.container.ContainerUnpaused;
import io.berth.events.query.ContainerDetails;
import io.berth.events.query.ContainerInspectRequested;
import io.berth.events.query.ContainerInspected;
import io.berth.events.query.ContainerListReported;
import io.berth.events.query.ContainerListRequested;
import io.berth.events.query.ContainerResolveRequested;
import io.berth.events.query.ContainerResolved;
import io.berth.events.query.ContainerSummary;
import io.berth.messaging.Headers;
import io.berth.messaging.KafkaClients;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A stand-in for the container-service on Kafka, for the gateway's end-to-end tests of the
 * container endpoints: it keeps containers in memory, answers the queries, and turns commands into
 * the outcome events the real service publishes (a stop publishes the death, then the stop).
 */
final class FakeContainerService implements AutoCloseable {

  private static final URI SOURCE = URI.create("urn:berth:fake-container-service");

  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final Thread thread;
  private final Map<String, ContainerDetails> containers = new ConcurrentHashMap<>();
  private volatile boolean running = true;

  FakeContainerService(String bootstrapServers) {
    KafkaClients clients = new KafkaClients(bootstrapServers, "fake-container-service");
    consumer = clients.standaloneConsumer("fake");
    producer = clients.producer("fake");
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic topic : List.of(Topic.CONTAINER_COMMANDS, Topic.CONTAINER_QUERIES)) {
      consumer
          .partitionsFor(topic.topicName(), Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread = new Thread(this::run, "fake-container-service");
    thread.setDaemon(true);
    thread.start();
  }

  /** Adds a container as the real service would after a create. */
  void put(ContainerDetails details) {
    containers.put(details.containerId(), details);
  }

  /** Ends a running container's process, as the real service observes an exit. */
  void exit(String id, int code) {
    ContainerDetails c = containers.get(id);
    containers.put(id, with(c, "exited", 0, code, c.startedAt(), Instant.now()));
    publish(null, new ContainerDied(id, code, false, Instant.now(), null));
  }

  Optional<ContainerDetails> get(String id) {
    return Optional.ofNullable(containers.get(id));
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          Enveloped<Message> message =
              EventCodec.decode(Headers.toMap(record.headers()), record.value());
          for (Message answer : answer(message.payload())) {
            publish(message, answer);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  private List<Message> answer(Message request) {
    String type = Catalogue.of(request.getClass()).type();
    if (request instanceof ContainerResolveRequested q) {
      return List.of(
          find(q.reference())
              .<Message>map(
                  c -> new ContainerResolved(q.requestId(), c.containerId(), c.name(), c.status()))
              .orElse(noSuch(q.requestId(), type, q.reference())));
    }
    if (request instanceof ContainerInspectRequested q) {
      return List.of(
          find(q.reference())
              .<Message>map(c -> new ContainerInspected(q.requestId(), c))
              .orElse(noSuch(q.requestId(), type, q.reference())));
    }
    if (request instanceof ContainerListRequested q) {
      return List.of(
          new ContainerListReported(
              q.requestId(),
              containers.values().stream().map(FakeContainerService::summary).toList()));
    }
    if (request instanceof ContainerCreateRequested c) {
      Instant now = Instant.now();
      put(
          new ContainerDetails(
              c.containerId(),
              c.name() == null ? "fake_" + c.containerId().substring(0, 6) : c.name(),
              c.image(),
              "sha256:" + "1".repeat(64),
              now,
              c.config(),
              c.hostConfig(),
              "created",
              0,
              0,
              null,
              false,
              null,
              null,
              0,
              null,
              null,
              null));
      return List.of(
          new ContainerCreated(
              c.containerId(),
              c.name(),
              c.image(),
              "sha256:" + "1".repeat(64),
              c.config(),
              c.hostConfig(),
              now));
    }
    if (request instanceof ContainerStartRequested s) {
      ContainerDetails c = containers.get(s.containerId());
      if (c.status().equals("running")) {
        return List.of(new ContainerStarted(c.containerId(), c.pid(), c.startedAt(), true));
      }
      Instant now = Instant.now();
      containers.put(c.containerId(), with(c, "running", 4242, 0, now, c.finishedAt()));
      return List.of(new ContainerStarted(c.containerId(), 4242, now, false));
    }
    if (request instanceof ContainerStopRequested s) {
      ContainerDetails c = containers.get(s.containerId());
      if (!c.status().equals("running")) {
        return List.of(new ContainerStopped(c.containerId(), c.exitCode(), Instant.now(), true));
      }
      Instant now = Instant.now();
      containers.put(c.containerId(), with(c, "exited", 0, 143, c.startedAt(), now));
      return List.of(
          new ContainerDied(c.containerId(), 143, false, now, null),
          new ContainerStopped(c.containerId(), 143, now, false));
    }
    if (request instanceof ContainerKillRequested k) {
      ContainerDetails c = containers.get(k.containerId());
      if (!c.status().equals("running")) {
        return List.of(
            new CommandFailed(
                c.containerId(),
                type,
                ErrorCode.FAILED_PRECONDITION,
                "Container " + c.containerId() + " is not running"));
      }
      Instant now = Instant.now();
      containers.put(c.containerId(), with(c, "exited", 0, 137, c.startedAt(), now));
      return List.of(
          new ContainerKilled(c.containerId(), k.signal()),
          new ContainerDied(c.containerId(), 137, false, now, null));
    }
    if (request instanceof ContainerRestartRequested r) {
      ContainerDetails c = containers.get(r.containerId());
      Instant now = Instant.now();
      containers.put(c.containerId(), with(c, "running", 4343, c.exitCode(), now, c.finishedAt()));
      return List.of(new ContainerRestarted(c.containerId(), 4343, now));
    }
    if (request instanceof ContainerPauseRequested p) {
      ContainerDetails c = containers.get(p.containerId());
      if (!c.status().equals("running")) {
        return List.of(
            new CommandFailed(
                c.containerId(),
                type,
                ErrorCode.FAILED_PRECONDITION,
                "Container " + c.containerId() + " is not running"));
      }
      containers.put(
          c.containerId(), with(c, "paused", c.pid(), c.exitCode(), c.startedAt(), c.finishedAt()));
      return List.of(new ContainerPaused(c.containerId()));
    }
    if (request instanceof ContainerUnpauseRequested u) {
      ContainerDetails c = containers.get(u.containerId());
      containers.put(
          c.containerId(),
          with(c, "running", c.pid(), c.exitCode(), c.startedAt(), c.finishedAt()));
      return List.of(new ContainerUnpaused(c.containerId()));
    }
    if (request instanceof ContainerRenameRequested r) {
      ContainerDetails c = containers.get(r.containerId());
      containers.put(
          c.containerId(),
          new ContainerDetails(
              c.containerId(),
              r.newName(),
              c.image(),
              c.imageId(),
              c.created(),
              c.config(),
              c.hostConfig(),
              c.status(),
              c.pid(),
              c.exitCode(),
              c.error(),
              c.oomKilled(),
              c.startedAt(),
              c.finishedAt(),
              c.restartCount(),
              c.execIds(),
              c.rootDir(),
              c.logPath()));
      return List.of(new ContainerRenamed(c.containerId(), c.name(), r.newName()));
    }
    if (request instanceof ContainerExecCreateRequested e) {
      return List.of(new ContainerExecCreated(e.containerId(), e.execId(), e.cmd()));
    }
    if (request instanceof ContainerRemoveRequested r) {
      ContainerDetails c = containers.get(r.containerId());
      if (c.status().equals("running") && !r.force()) {
        return List.of(
            new CommandFailed(
                c.containerId(),
                type,
                ErrorCode.FAILED_PRECONDITION,
                "cannot remove container \"/"
                    + c.name()
                    + "\": container is running: stop the"
                    + " container before removing or force remove"));
      }
      containers.remove(c.containerId());
      return List.of(new ContainerRemoved(c.containerId(), c.name()));
    }
    return List.of();
  }

  private QueryFailed noSuch(String requestId, String type, String reference) {
    return new QueryFailed(requestId, type, ErrorCode.NOT_FOUND, "No such container: " + reference);
  }

  private Optional<ContainerDetails> find(String reference) {
    String name = reference.startsWith("/") ? reference.substring(1) : reference;
    return containers.values().stream()
        .filter(
            c ->
                c.containerId().equals(reference)
                    || c.name().equals(name)
                    || c.containerId().startsWith(reference))
        .findFirst();
  }

  private static ContainerDetails with(
      ContainerDetails c,
      String status,
      long pid,
      int exitCode,
      Instant startedAt,
      Instant finishedAt) {
    return new ContainerDetails(
        c.containerId(),
        c.name(),
        c.image(),
        c.imageId(),
        c.created(),
        c.config(),
        c.hostConfig(),
        status,
        pid,
        exitCode,
        c.error(),
        false,
        startedAt,
        finishedAt,
        c.restartCount(),
        c.execIds(),
        c.rootDir(),
        c.logPath());
  }

  private static ContainerSummary summary(ContainerDetails c) {
    return new ContainerSummary(
        c.containerId(),
        c.name(),
        c.image(),
        c.imageId(),
        String.join(" ", c.config().cmd()),
        c.created(),
        c.status(),
        c.config().labels(),
        c.startedAt() == null ? null : c.exitCode(),
        c.startedAt(),
        c.finishedAt());
  }

  private void publish(Enveloped<Message> cause, Message payload) {
    EncodedMessage encoded =
        cause == null
            ? EventCodec.encodeFirst(SOURCE, payload)
            : EventCodec.encodeCausedBy(cause.envelope(), SOURCE, payload);
    RecordHeaders headers = new RecordHeaders();
    encoded.headers().forEach(headers::add);
    producer.send(
        new ProducerRecord<>(encoded.topic(), null, encoded.key(), encoded.value(), headers));
    producer.flush();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(2));
  }
}
