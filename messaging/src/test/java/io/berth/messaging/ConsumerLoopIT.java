package io.berth.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.EncodedMessage;
import io.berth.events.Envelope;
import io.berth.events.Enveloped;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.Topic;
import io.berth.events.container.ContainerIds;
import io.berth.events.container.ContainerRemoveRequested;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ConsumerLoopIT {

  private static final URI SOURCE = URI.create("/berth/test/consumer-loop-it");

  @Test
  void unknownTypesAndBrokenPayloadsGoToTheDeadLetterTopicAndTheConsumerCarriesOn()
      throws Exception {
    KafkaClients clients = TestSupport.clients("consumer-loop-it");
    String containerId = ContainerIds.newId();
    List<Enveloped<Message>> handled = new CopyOnWriteArrayList<>();

    EncodedMessage good =
        EventCodec.encodeFirst(SOURCE, new ContainerRemoveRequested(containerId, false, false));
    EncodedMessage unknownType = withHeader(good, Envelope.TYPE, "io.berth.container.Teleported");
    EncodedMessage brokenPayload =
        new EncodedMessage(
            good.topic(),
            containerId,
            freshId(good.headers()),
            "{not json".getBytes(StandardCharsets.UTF_8));
    EncodedMessage invalidPayload =
        new EncodedMessage(
            good.topic(),
            containerId,
            freshId(good.headers()),
            "{\"containerId\":\"nope\"}".getBytes(StandardCharsets.UTF_8));

    try (MessagePublisher publisher = new MessagePublisher(clients, "test");
        DeadLetters deadLetters = new DeadLetters(clients);
        ConsumerLoop loop =
            ConsumerLoop.start(
                clients, "consumer-loop-it", List.of(good.topic()), handled::add, deadLetters)) {
      publisher.publish(unknownType).get();
      publisher.publish(brokenPayload).get();
      publisher.publish(invalidPayload).get();
      publisher.publish(good).get();

      // The topic is shared with other tests: look only at this test's container.
      await().atMost(Duration.ofSeconds(30)).until(() -> !ours(handled, containerId).isEmpty());
      assertThat(ours(handled, containerId))
          .extracting(Enveloped::payload)
          .containsExactly(new ContainerRemoveRequested(containerId, false, false));
    }

    List<ConsumerRecord<String, byte[]>> letters =
        TestSupport.readAll(Topic.DEAD_LETTER.topicName(), Duration.ofSeconds(2)).stream()
            .filter(r -> containerId.equals(r.key()))
            .filter(r -> "consumer-loop-it".equals(header(r, DeadLetters.CONSUMER)))
            .toList();
    assertThat(letters).hasSize(3);
    assertThat(letters)
        .extracting(r -> header(r, DeadLetters.REASON))
        .containsExactly("UNKNOWN_TYPE", "BROKEN_PAYLOAD", "BROKEN_PAYLOAD");
    assertThat(header(letters.get(0), DeadLetters.ERROR)).contains("io.berth.container.Teleported");
    assertThat(header(letters.get(2), DeadLetters.ERROR)).contains("not a container id");
    assertThat(header(letters.get(1), DeadLetters.TOPIC))
        .isEqualTo(Topic.CONTAINER_COMMANDS.topicName());
    assertThat(letters.get(1).value()).isEqualTo("{not json".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aHandlerThatKeepsFailingIsRetriedThenDeadLetteredAndTheNextMessageIsHandled()
      throws Exception {
    KafkaClients clients = TestSupport.clients("consumer-loop-it-2");
    String poisonId = ContainerIds.newId();
    String fineId = ContainerIds.newId();
    List<String> attempts = new CopyOnWriteArrayList<>();
    List<String> handled = new CopyOnWriteArrayList<>();
    try (MessagePublisher publisher = new MessagePublisher(clients, "test");
        DeadLetters deadLetters = new DeadLetters(clients);
        ConsumerLoop loop =
            ConsumerLoop.start(
                clients,
                "consumer-loop-it-2",
                List.of(Topic.CONTAINER_COMMANDS.topicName()),
                message -> {
                  String subject = message.payload().subject();
                  if (subject.equals(poisonId)) {
                    attempts.add(subject);
                    throw new IllegalStateException("disk on fire");
                  }
                  handled.add(subject);
                },
                deadLetters)) {
      publisher
          .publish(
              EventCodec.encodeFirst(SOURCE, new ContainerRemoveRequested(poisonId, false, false)))
          .get();
      publisher
          .publish(
              EventCodec.encodeFirst(SOURCE, new ContainerRemoveRequested(fineId, false, false)))
          .get();
      await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains(fineId));
    }
    assertThat(attempts).hasSize(3);
    List<ConsumerRecord<String, byte[]>> letters =
        TestSupport.readAll(Topic.DEAD_LETTER.topicName(), Duration.ofSeconds(2)).stream()
            .filter(r -> poisonId.equals(r.key()))
            .filter(r -> "consumer-loop-it-2".equals(header(r, DeadLetters.CONSUMER)))
            .toList();
    assertThat(letters).hasSize(1);
    assertThat(header(letters.get(0), DeadLetters.REASON)).isEqualTo("HANDLER_FAILED");
    assertThat(header(letters.get(0), DeadLetters.ERROR)).contains("disk on fire");
  }

  @Test
  void awaitCaughtUpReturnsOnlyOnceEveryRecordWrittenBeforeTheCallIsHandled() throws Exception {
    KafkaClients clients = TestSupport.clients("consumer-loop-it-3");
    // Two records with one key: one partition, so the second waits behind the first.
    String containerId = ContainerIds.newId();
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> handled = new CopyOnWriteArrayList<>();
    try (MessagePublisher publisher = new MessagePublisher(clients, "test");
        DeadLetters deadLetters = new DeadLetters(clients);
        ConsumerLoop loop =
            ConsumerLoop.start(
                clients,
                "consumer-loop-it-3",
                List.of(Topic.CONTAINER_COMMANDS.topicName()),
                message -> {
                  String subject = message.payload().subject();
                  if (subject.equals(containerId) && firstStarted.getCount() > 0) {
                    firstStarted.countDown();
                    release.await();
                  }
                  handled.add(subject);
                },
                deadLetters)) {
      for (int i = 0; i < 2; i++) {
        publisher
            .publish(
                EventCodec.encodeFirst(
                    SOURCE, new ContainerRemoveRequested(containerId, false, false)))
            .get();
      }
      assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();

      // The handler holds the first record: the loop is behind, and says so when time runs out.
      assertThat(loop.awaitCaughtUp(Duration.ofMillis(300))).isFalse();
      assertThat(handled).doesNotContain(containerId);

      Thread releaser =
          new Thread(
              () -> {
                sleep(200);
                release.countDown();
              });
      releaser.start();
      assertThat(loop.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      // Both records were written before the call: both are handled when it returns.
      assertThat(handled.stream().filter(containerId::equals)).hasSize(2);
      releaser.join();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Enveloped<Message>> ours(List<Enveloped<Message>> handled, String id) {
    return handled.stream().filter(m -> id.equals(m.payload().subject())).toList();
  }

  private static EncodedMessage withHeader(EncodedMessage message, String name, String value) {
    Map<String, byte[]> headers = freshId(message.headers());
    headers.put(name, value.getBytes(StandardCharsets.UTF_8));
    return new EncodedMessage(message.topic(), message.key(), headers, message.value());
  }

  private static Map<String, byte[]> freshId(Map<String, byte[]> headers) {
    Map<String, byte[]> copy = new HashMap<>(headers);
    copy.put(Envelope.ID, Envelope.newId().getBytes(StandardCharsets.UTF_8));
    return copy;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
