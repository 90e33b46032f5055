package io.berth.messaging;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The shared messaging beans of a service, configured from {@code application.yml}. */
@Factory
public class MessagingFactory {

  @Singleton
  ServiceIdentity identity(
      @Value("${berth.service.name}") String name, @Value("${berth.node-id:local}") String nodeId) {
    return new ServiceIdentity(name, nodeId);
  }

  @Singleton
  KafkaClients kafkaClients(
      @Value("${kafka.bootstrap.servers:`127.0.0.1:23790`}") String bootstrapServers,
      ServiceIdentity identity) {
    return new KafkaClients(bootstrapServers, identity.name());
  }

  @Singleton
  @Bean(preDestroy = "close")
  MessagePublisher publisher(KafkaClients clients) {
    return new MessagePublisher(clients, "publisher");
  }

  @Singleton
  @Bean(preDestroy = "close")
  DeadLetters deadLetters(KafkaClients clients) {
    return new DeadLetters(clients);
  }
}
