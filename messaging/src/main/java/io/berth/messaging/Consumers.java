package io.berth.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The consumer loops of a service: started by its subscriptions, watched by the health endpoint,
 * closed when the application stops (before the database it writes to).
 */
@Singleton
public class Consumers implements AutoCloseable {

  private final KafkaClients clients;
  private final ServiceIdentity identity;
  private final DeadLetters deadLetters;
  private final List<ConsumerLoop> loops = new CopyOnWriteArrayList<>();

  public Consumers(KafkaClients clients, ServiceIdentity identity, DeadLetters deadLetters) {
    this.clients = clients;
    this.identity = identity;
    this.deadLetters = deadLetters;
  }

  /**
   * Starts a consumer in group {@code <service>.<subscription>} on the given topics.
   *
   * @return the running loop
   */
  public ConsumerLoop start(String subscription, List<String> topics, MessageHandler handler) {
    ConsumerLoop loop =
        ConsumerLoop.start(clients, identity.group(subscription), topics, handler, deadLetters);
    loops.add(loop);
    return loop;
  }

  /** The loop started for a subscription, if any. */
  public Optional<ConsumerLoop> loop(String subscription) {
    String group = identity.group(subscription);
    return loops.stream().filter(loop -> loop.groupId().equals(group)).findFirst();
  }

  /** All loops started so far. */
  public List<ConsumerLoop> loops() {
    return List.copyOf(loops);
  }

  /** Stops every loop after the record in hand; safe to call more than once. */
  @PreDestroy
  @Override
  public void close() {
    loops.forEach(ConsumerLoop::close);
    loops.clear();
  }
}
