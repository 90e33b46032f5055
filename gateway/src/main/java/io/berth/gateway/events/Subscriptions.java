package io.berth.gateway.events;

import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open event streams. They never end by themselves, so a graceful shutdown ends them: each
 * response completes and its client sees the stream close, as when dockerd stops.
 */
@Singleton
public class Subscriptions implements GracefulShutdownCapable {

  private final Set<StreamPump> open = ConcurrentHashMap.newKeySet();

  void add(StreamPump pump) {
    open.add(pump);
  }

  void remove(StreamPump pump) {
    open.remove(pump);
  }

  @Override
  public CompletionStage<?> shutdownGracefully() {
    open.forEach(StreamPump::end);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public OptionalLong reportActiveTasks() {
    return OptionalLong.of(open.size());
  }
}
