package io.berth.image.handling;

import io.berth.events.CommandFailed;
import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.container.ContainerBuildStepExited;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.ContainerDied;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.container.ContainerStarted;
import io.berth.image.build.Builds;
import io.berth.image.store.ImageStore;
import io.berth.messaging.MessageHandler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;

/**
 * Learns from container events which containers use which image, and which of them run, so that
 * {@code docker rmi} refuses an image in use as Docker does. Idempotent: a redelivered event writes
 * the same rows again.
 */
@Singleton
public class ContainerEventHandler implements MessageHandler {

  private final ImageStore store;
  private final TransactionOperations<Connection> transactions;

  private static final String STEP = "io.berth.container.BuildStepRequested";

  private final Builds builds;

  public ContainerEventHandler(
      ImageStore store, TransactionOperations<Connection> transactions, Builds builds) {
    this.builds = builds;
    this.store = store;
    this.transactions = transactions;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    Message event = message.payload();
    Runnable effect = null;
    if (event instanceof ContainerBuildStepExited e) {
      builds.stepExited(e.buildId(), e.containerId(), e.exitCode(), e.error());
    } else if (event instanceof CommandFailed e && STEP.equals(e.commandType())) {
      builds.commandFailed(e.subject(), e.message());
    } else if (event instanceof ContainerCreated e) {
      effect = () -> store.use(e.containerId(), e.imageId());
    } else if (event instanceof ContainerStarted e) {
      effect = () -> store.running(e.containerId(), true);
    } else if (event instanceof ContainerDied e) {
      effect = () -> store.running(e.containerId(), false);
    } else if (event instanceof ContainerRemoved e) {
      effect = () -> store.release(e.containerId());
    }
    if (effect != null) {
      Runnable write = effect;
      transactions.executeWrite(
          status -> {
            write.run();
            return null;
          });
    }
  }
}
