package io.berth.gateway.docker;

import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.container.ContainerDied;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.query.ContainerDetails;
import io.berth.messaging.reply.ReplyListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /containers/{id}/wait}, event-driven: waiters per container id, completed by the
 * {@link ContainerDied} and {@link ContainerRemoved} events the gateway's {@link ReplyListener}
 * reads from {@code berth.container.events}. A waiter is registered before the container's state is
 * asked for, then {@link Waiter#settle settled} with that state, so no event between the two is
 * missed (moby's {@code container.State.Wait}).
 */
@Singleton
public class ContainerWaits implements AutoCloseable {

  /** What to wait for, as the {@code condition} parameter names it. */
  public enum Condition {
    /** Until the container is not running: at once if it is not. */
    NOT_RUNNING,
    /** Until it next exits, whatever its state now. */
    NEXT_EXIT,
    /** Until it is removed. */
    REMOVED;

    /**
     * {@code not-running} (also when absent), {@code next-exit} or {@code removed}.
     *
     * @throws DockerApiException 400 for anything else, worded as moby words it
     */
    public static Condition parse(String condition) {
      if (condition == null || condition.isEmpty()) {
        return NOT_RUNNING;
      }
      return switch (condition) {
        case "not-running" -> NOT_RUNNING;
        case "next-exit" -> NEXT_EXIT;
        case "removed" -> REMOVED;
        default -> throw DockerApiException.badRequest("invalid condition: \"" + condition + "\"");
      };
    }
  }

  /**
   * The answer: the exit code, and the error of a run that failed.
   *
   * @param statusCode the exit code
   * @param error why the run failed, or null
   */
  public record Result(int statusCode, String error) {}

  private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
  private final AutoCloseable observation;

  public ContainerWaits(ReplyListener listener) {
    this.observation = listener.addObserver(this::onEvent);
  }

  /** Without a listener: tests feed {@link #onEvent} themselves. */
  ContainerWaits() {
    this.observation = () -> {};
  }

  /**
   * Starts waiting for a container; call before asking for its state, then {@link Waiter#settle} or
   * {@link Waiter#fail} the waiter.
   *
   * @param containerId the full id
   */
  public Waiter register(String containerId, Condition condition) {
    Waiter waiter = new Waiter(containerId, condition);
    waiters.computeIfAbsent(containerId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
    waiter.result.whenComplete((result, error) -> forget(waiter));
    return waiter;
  }

  /** Number of waiters, for tests and metrics. */
  public int waiting() {
    return waiters.values().stream().mapToInt(Set::size).sum();
  }

  /** Sees one event of the container topic. */
  void onEvent(Enveloped<Message> event) {
    if (event.payload() instanceof ContainerDied died) {
      for (Waiter waiter : of(died.containerId())) {
        waiter.died(died);
      }
    } else if (event.payload() instanceof ContainerRemoved removed) {
      for (Waiter waiter : of(removed.containerId())) {
        waiter.removed();
      }
    }
  }

  private List<Waiter> of(String containerId) {
    Set<Waiter> set = waiters.get(containerId);
    return set == null ? List.of() : List.copyOf(set);
  }

  private void forget(Waiter waiter) {
    waiters.computeIfPresent(
        waiter.containerId,
        (id, set) -> {
          set.remove(waiter);
          return set.isEmpty() ? null : set;
        });
  }

  @Override
  @PreDestroy
  public void close() throws Exception {
    observation.close();
    waiters.values().forEach(set -> set.forEach(w -> w.result.cancel(false)));
  }

  /** One waiting request. */
  public static final class Waiter {

    private final String containerId;
    private final Condition condition;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    // The last exit seen since registration, or the state's: what a removal answers.
    private Result lastExit;

    private Waiter(String containerId, Condition condition) {
      this.containerId = containerId;
      this.condition = condition;
    }

    /** Completes with the answer; cancelling it stops the waiting. */
    public CompletableFuture<Result> result() {
      return result;
    }

    /**
     * Takes the container's state as it was asked for after registering: a container that is not
     * running answers a {@code not-running} wait at once with its last exit code (0 when it never
     * ran, as in Docker).
     */
    public synchronized void settle(ContainerDetails state) {
      if (lastExit == null) {
        lastExit = new Result(state.exitCode(), state.error());
      }
      if (condition == Condition.NOT_RUNNING && !isRunning(state.status())) {
        result.complete(lastExit);
      }
    }

    /** Ends the wait with an error (the state could not be asked for). */
    public void fail(Throwable error) {
      result.completeExceptionally(error);
    }

    private synchronized void died(ContainerDied died) {
      lastExit = new Result(died.exitCode(), died.error());
      if (condition != Condition.REMOVED) {
        result.complete(lastExit);
      }
    }

    private synchronized void removed() {
      // A container removed while running died first; one that never ran exits 0.
      result.complete(lastExit == null ? new Result(0, null) : lastExit);
    }

    private static boolean isRunning(String status) {
      return status.equals("running") || status.equals("paused") || status.equals("restarting");
    }
  }
}
