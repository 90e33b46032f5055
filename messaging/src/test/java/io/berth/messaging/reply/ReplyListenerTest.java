package io.berth.messaging.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.EncodedMessage;
import io.berth.events.Enveloped;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.container.ContainerPaused;
import io.berth.events.container.ContainerUnpaused;
import io.berth.messaging.KafkaClients;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The observer hook, fed records by hand: no broker is needed (the consumer never connects). */
class ReplyListenerTest {

  private static final URI SOURCE = URI.create("urn:berth:test");
  private static final String ID = "a".repeat(64);

  private KafkaConsumer<String, byte[]> consumer;
  private ReplyListener listener;

  @BeforeEach
  void createListener() {
    consumer = new KafkaClients("127.0.0.1:1", "reply-listener-test").standaloneConsumer("test");
    listener = new ReplyListener(consumer, List.of("berth.container.events"));
  }

  @AfterEach
  void closeConsumer() {
    consumer.close();
  }

  @Test
  void anObserverSeesEveryRecordDecodedWhetherOrNotSomeoneWaitsForIt() {
    List<Message> seen = new ArrayList<>();
    listener.addObserver(message -> seen.add(message.payload()));

    listener.deliver(record(EventCodec.encodeFirst(SOURCE, new ContainerPaused(ID))));
    listener.deliver(record(EventCodec.encodeFirst(SOURCE, new ContainerUnpaused(ID))));

    assertThat(seen).containsExactly(new ContainerPaused(ID), new ContainerUnpaused(ID));
  }

  @Test
  void aRemovedObserverSeesNothingMore() throws Exception {
    List<Message> seen = new ArrayList<>();
    AutoCloseable registration = listener.addObserver(message -> seen.add(message.payload()));
    listener.deliver(record(EventCodec.encodeFirst(SOURCE, new ContainerPaused(ID))));

    registration.close();
    listener.deliver(record(EventCodec.encodeFirst(SOURCE, new ContainerUnpaused(ID))));

    assertThat(seen).containsExactly(new ContainerPaused(ID));
  }

  @Test
  void aFailingObserverDoesNotKeepTheWaiterOrOtherObserversFromTheRecord() {
    EncodedMessage cause = EventCodec.encodeFirst(SOURCE, new ContainerPaused(ID));
    String requestId = EventCodec.decode(cause.headers(), cause.value()).envelope().id();
    CompletableFuture<Enveloped<Message>> waiter = listener.expect(requestId);
    List<Message> seen = new ArrayList<>();
    listener.addObserver(
        message -> {
          throw new IllegalStateException("boom");
        });
    listener.addObserver(message -> seen.add(message.payload()));

    var envelope = EventCodec.decode(cause.headers(), cause.value()).envelope();
    listener.deliver(
        record(EventCodec.encodeCausedBy(envelope, SOURCE, new ContainerUnpaused(ID))));

    assertThat(seen).containsExactly(new ContainerUnpaused(ID));
    assertThat(waiter).isCompleted();
    assertThat(waiter.join().payload()).isEqualTo(new ContainerUnpaused(ID));
  }

  @Test
  void anUndecodableRecordIsSkippedByObservers() {
    List<Message> seen = new ArrayList<>();
    listener.addObserver(message -> seen.add(message.payload()));

    listener.deliver(
        new ConsumerRecord<>("berth.container.events", 0, 0, ID, "not an event".getBytes()));

    assertThat(seen).isEmpty();
  }

  private static ConsumerRecord<String, byte[]> record(EncodedMessage message) {
    RecordHeaders headers = new RecordHeaders();
    message.headers().forEach(headers::add);
    return new ConsumerRecord<>(
        message.topic(),
        0,
        0,
        0L,
        org.apache.kafka.common.record.TimestampType.CREATE_TIME,
        0,
        0,
        message.key(),
        message.value(),
        headers,
        java.util.Optional.empty());
  }
}
