package io.berth.gateway.bus;

import io.berth.events.Topic;
import io.berth.messaging.KafkaClients;
import io.berth.messaging.MessagePublisher;
import io.berth.messaging.ServiceIdentity;
import io.berth.messaging.reply.ReplyListener;
import io.berth.messaging.reply.RequestReply;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.List;

/** Wires request/reply: one listener on every outcome topic and the replies topic. */
@Factory
public class BusFactory {

  /** Every topic an outcome or a reply can arrive on. */
  static final List<String> OUTCOME_TOPICS =
      List.of(
          Topic.CONTAINER_EVENTS.topicName(),
          Topic.IMAGE_EVENTS.topicName(),
          Topic.LAYER_EVENTS.topicName(),
          Topic.QUERY_REPLIES.topicName(),
          Topic.VOLUME_EVENTS.topicName());

  @Context
  @Bean(preDestroy = "close")
  ReplyListener replyListener(KafkaClients clients) throws InterruptedException {
    return ReplyListener.start(clients, OUTCOME_TOPICS);
  }

  @Singleton
  RequestReply requestReply(
      MessagePublisher publisher, ReplyListener listener, ServiceIdentity identity) {
    return new RequestReply(publisher, listener, identity);
  }
}
