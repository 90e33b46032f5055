package io.berth.messaging.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.berth.events.Enveloped;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.Topic;
import io.berth.events.container.ContainerIds;
import io.berth.events.container.ContainerKilled;
import io.berth.events.container.ContainerRemoveRequested;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.query.ImageCountsReported;
import io.berth.events.query.ImageCountsRequested;
import io.berth.events.query.LayerCountsRequested;
import io.berth.messaging.ConsumerLoop;
import io.berth.messaging.DeadLetters;
import io.berth.messaging.KafkaClients;
import io.berth.messaging.MessagePublisher;
import io.berth.messaging.ServiceIdentity;
import io.berth.messaging.TestSupport;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class RequestReplyIT {

  @Test
  void aQueryCompletesWithTheReplyItCausedAndATimeoutFailsClearly() throws Exception {
    KafkaClients clients = TestSupport.clients("request-reply-it");
    ServiceIdentity gateway = new ServiceIdentity("gateway", "it");
    ServiceIdentity images = new ServiceIdentity("image-service", "it");
    try (MessagePublisher publisher = new MessagePublisher(clients, "test");
        DeadLetters deadLetters = new DeadLetters(clients);
        ReplyListener listener =
            ReplyListener.start(clients, List.of(Topic.QUERY_REPLIES.topicName()));
        ConsumerLoop responder =
            ConsumerLoop.start(
                clients,
                "request-reply-it-responder",
                List.of(Topic.IMAGE_QUERIES.topicName()),
                message -> {
                  if (message.payload() instanceof ImageCountsRequested asked) {
                    publisher.publish(
                        EventCodec.encodeCausedBy(
                            message.envelope(),
                            images.source(),
                            new ImageCountsReported(asked.requestId(), 42)));
                  }
                },
                deadLetters)) {
      responder.awaitAssignment(Duration.ofSeconds(30));
      RequestReply requestReply = new RequestReply(publisher, listener, gateway);

      String id = UUID.randomUUID().toString();
      Enveloped<Message> reply =
          requestReply.send(new ImageCountsRequested(id), Duration.ofSeconds(20)).get();

      assertThat(reply.payload()).isEqualTo(new ImageCountsReported(id, 42));
      assertThat(reply.envelope().source()).isEqualTo(images.source());

      CompletableFuture<Enveloped<Message>> unanswered =
          requestReply.send(new LayerCountsRequested("nobody-answers"), Duration.ofMillis(300));
      assertThatThrownBy(unanswered::get)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(RequestTimeoutException.class)
          .hasMessageContaining("io.berth.query.LayerCountsRequested")
          .hasMessageContaining("300 ms");
      // The waiter is forgotten by a callback that may run just after the caller sees the failure.
      await().atMost(Duration.ofSeconds(5)).until(() -> listener.waiting() == 0);
    }
  }

  @Test
  void aCommandCompletesOnItsOutcomeNotOnAnotherEventItCaused() throws Exception {
    KafkaClients clients = TestSupport.clients("request-reply-it-3");
    ServiceIdentity gateway = new ServiceIdentity("gateway", "it");
    ServiceIdentity containers = new ServiceIdentity("container-service", "it");
    try (MessagePublisher publisher = new MessagePublisher(clients, "test");
        DeadLetters deadLetters = new DeadLetters(clients);
        ReplyListener listener =
            ReplyListener.start(clients, List.of(Topic.CONTAINER_EVENTS.topicName()));
        ConsumerLoop service =
            ConsumerLoop.start(
                clients,
                "request-reply-it-3-service",
                List.of(Topic.CONTAINER_COMMANDS.topicName()),
                message -> {
                  if (message.payload() instanceof ContainerRemoveRequested remove) {
                    // A side event first (a forced remove kills), then the outcome.
                    publisher
                        .publish(
                            EventCodec.encodeCausedBy(
                                message.envelope(),
                                containers.source(),
                                new ContainerKilled(remove.containerId(), "SIGKILL")))
                        .get();
                    publisher.publish(
                        EventCodec.encodeCausedBy(
                            message.envelope(),
                            containers.source(),
                            new ContainerRemoved(remove.containerId(), "web")));
                  }
                },
                deadLetters)) {
      service.awaitAssignment(Duration.ofSeconds(30));
      RequestReply requestReply = new RequestReply(publisher, listener, gateway);
      String id = ContainerIds.newId();

      Enveloped<Message> outcome =
          requestReply
              .send(new ContainerRemoveRequested(id, true, false), Duration.ofSeconds(20))
              .get();

      assertThat(outcome.payload()).isEqualTo(new ContainerRemoved(id, "web"));
    }
  }
}
