package io.berth.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.CommandFailed;
import io.berth.events.Envelope;
import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.Topic;
import io.berth.events.container.ContainerIds;
import io.berth.events.container.ContainerRemoveRequested;
import io.berth.events.container.ContainerRemoved;
import io.berth.messaging.inbox.InboxEntry;
import io.berth.messaging.inbox.InboxPruner;
import io.berth.messaging.inbox.InboxRepository;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExactlyOnceIT {

  private ApplicationContext context;
  private ExactlyOnce exactlyOnce;
  private TransactionOperations<Connection> transactions;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void start() {
    context =
        ApplicationContext.run(
            Map.of(
                "berth.service.name",
                "exactly-once-it",
                "kafka.bootstrap.servers",
                TestSupport.bootstrapServers(),
                "datasources.default.url",
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "datasources.default.username",
                "sa",
                "datasources.default.password",
                "",
                "datasources.default.driver-class-name",
                "org.h2.Driver",
                "flyway.datasources.default.enabled",
                true,
                "flyway.datasources.default.locations",
                List.of("classpath:db/messaging", "classpath:db/testdomain")));
    exactlyOnce = context.getBean(ExactlyOnce.class);
    transactions = context.getBean(TransactionOperations.class);
  }

  @AfterEach
  void stop() {
    context.close();
  }

  @Test
  void aRedeliveredCommandHasNoSecondEffectAndItsOutcomeIsPublishedOnce() {
    Enveloped<Message> command = command(ContainerIds.newId());
    AtomicInteger effects = new AtomicInteger();

    boolean first = exactlyOnce.handle("commands", command, in -> removeWidget(in, effects));
    boolean second = exactlyOnce.handle("commands", command, in -> removeWidget(in, effects));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(effects).hasValue(1);
    assertThat(widgets()).isEqualTo(1);
    awaitOutcomes(command.envelope(), 1);
    List<ConsumerRecord<String, byte[]>> outcomes = outcomesOf(command.envelope());
    assertThat(outcomes).as("published exactly once").hasSize(1);
    Enveloped<Message> outcome = decode(outcomes.get(0));
    assertThat(outcome.payload()).isInstanceOf(ContainerRemoved.class);
    assertThat(outcome.envelope().correlationId()).isEqualTo(command.envelope().correlationId());
    assertThat(outcome.envelope().causationId()).isEqualTo(command.envelope().id());
    assertThat(outcome.envelope().source()).isEqualTo(URI.create("/berth/local/exactly-once-it"));
  }

  @Test
  void aRefusedCommandRollsItsStateBackAndEndsInCommandFailed() {
    Enveloped<Message> command = command(ContainerIds.newId());

    exactlyOnce.handle(
        "commands",
        command,
        in -> {
          insertWidget(in.payload().subject());
          throw new Refused(ErrorCode.FAILED_PRECONDITION, "widget is busy");
        });

    assertThat(widgets()).isZero();
    Enveloped<Message> outcome = decode(awaitOutcomes(command.envelope(), 1).get(0));
    assertThat(outcome.payload())
        .isEqualTo(
            new CommandFailed(
                command.payload().subject(),
                "io.berth.container.RemoveRequested",
                ErrorCode.FAILED_PRECONDITION,
                "widget is busy"));
  }

  @Test
  void aCommandPastItsDeadlineIsRefusedWithoutEffect() {
    Enveloped<Message> fresh = command(ContainerIds.newId());
    Enveloped<Message> late =
        new Enveloped<>(
            fresh.envelope().withDeadline(Instant.now().minusSeconds(1)), fresh.payload());
    AtomicInteger effects = new AtomicInteger();

    exactlyOnce.handle("commands", late, in -> removeWidget(in, effects));

    assertThat(effects).hasValue(0);
    CommandFailed failed =
        (CommandFailed) decode(awaitOutcomes(late.envelope(), 1).get(0)).payload();
    assertThat(failed.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(failed.message()).contains("nothing was done");
  }

  @Test
  void inboxEntriesOlderThanTheCommandRetentionAreForgotten() {
    InboxRepository repository = context.getBean(InboxRepository.class);
    repository.save(new InboxEntry("commands/old", Instant.now().minus(Duration.ofDays(8))));
    repository.save(new InboxEntry("commands/recent", Instant.now().minus(Duration.ofDays(6))));

    context.getBean(InboxPruner.class).prune();

    assertThat(repository.existsById("commands/old")).isFalse();
    assertThat(repository.existsById("commands/recent")).isTrue();
  }

  private List<? extends Message> removeWidget(Enveloped<Message> in, AtomicInteger effects) {
    effects.incrementAndGet();
    insertWidget(in.payload().subject());
    return List.of(new ContainerRemoved(in.payload().subject(), "widget"));
  }

  private void insertWidget(String id) {
    try (PreparedStatement insert =
        transactions.getConnection().prepareStatement("INSERT INTO widget (id) VALUES (?)")) {
      insert.setString(1, id);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private int widgets() {
    return transactions.executeRead(
        status -> {
          try (PreparedStatement count =
                  status.getConnection().prepareStatement("SELECT COUNT(*) FROM widget");
              ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getInt(1);
          }
        });
  }

  private static Enveloped<Message> command(String containerId) {
    var payload = new ContainerRemoveRequested(containerId, false, false);
    var encoded = EventCodec.encodeFirst(URI.create("/berth/test/gateway"), payload);
    return EventCodec.decode(encoded.headers(), encoded.value());
  }

  private static List<ConsumerRecord<String, byte[]>> awaitOutcomes(Envelope cause, int expected) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                TestSupport.readAll(Topic.CONTAINER_EVENTS.topicName(), Duration.ofMillis(500))
                    .stream()
                    .filter(r -> cause.id().equals(header(r, Envelope.CAUSATION_ID)))
                    .toList(),
            records -> records.size() >= expected);
  }

  private static List<ConsumerRecord<String, byte[]>> outcomesOf(Envelope cause) {
    return TestSupport.readAll(Topic.CONTAINER_EVENTS.topicName(), Duration.ofSeconds(2)).stream()
        .filter(r -> cause.id().equals(header(r, Envelope.CAUSATION_ID)))
        .toList();
  }

  private static Enveloped<Message> decode(ConsumerRecord<String, byte[]> record) {
    Map<String, byte[]> headers = new java.util.LinkedHashMap<>();
    record.headers().forEach(h -> headers.put(h.key(), h.value()));
    return EventCodec.decode(headers, record.value());
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static final class Refused extends RuntimeException implements CodedError {
    private final ErrorCode code;

    Refused(ErrorCode code, String message) {
      super(message);
      this.code = code;
    }

    @Override
    public ErrorCode code() {
      return code;
    }
  }
}
