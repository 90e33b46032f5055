package io.berth.gateway.docker;

import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.container.ContainerDied;
import io.berth.events.container.ContainerRemoved;
import io.berth.messaging.reply.ReplyListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code POST /containers/{id}/wait}, event-driven: waiters are completed by the container events
 * the gateway's listener sees ({@code ContainerDied} for {@code next-exit} and {@code not-running},
 * {@code ContainerRemoved} for {@code removed}), never by polling.
 */
@Singleton
public class ContainerWaits {

  /** What a wait waits for. */
  public enum Condition {
    NOT_RUNNING,
    NEXT_EXIT,
    REMOVED;

    static Condition parse(String value) {
      if (value == null || value.isBlank() || value.equals("not-running")) {
        return NOT_RUNNING;
      }
      return switch (value) {
        case "next-exit" -> NEXT_EXIT;
        case "removed" -> REMOVED;
        default -> throw DockerApiException.badRequest("invalid condition: \"" + value + "\"");
      };
    }
  }

  private record Waiter(Condition condition, CompletableFuture<Integer> exit) {}

  private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();
  private final Map<String, Integer> lastExit = new ConcurrentHashMap<>();

  public ContainerWaits(ReplyListener listener) {
    listener.addObserver(this::observe);
  }

  /** Registers a waiter; call before asking for the container's state. */
  public CompletableFuture<Integer> register(String containerId, Condition condition) {
    Waiter waiter = new Waiter(condition, new CompletableFuture<>());
    waiters.computeIfAbsent(containerId, id -> new CopyOnWriteArrayList<>()).add(waiter);
    waiter.exit().whenComplete((code, error) -> remove(containerId, waiter));
    return waiter.exit();
  }

  private void remove(String id, Waiter waiter) {
    List<Waiter> list = waiters.get(id);
    if (list != null) {
      list.remove(waiter);
      if (list.isEmpty()) {
        waiters.remove(id, list);
      }
    }
  }

  void observe(Enveloped<Message> message) {
    if (message.payload() instanceof ContainerDied died) {
      lastExit.put(died.containerId(), died.exitCode());
      complete(died.containerId(), died.exitCode(), false);
    } else if (message.payload() instanceof ContainerRemoved removed) {
      Integer code = lastExit.remove(removed.containerId());
      complete(removed.containerId(), code == null ? 0 : code, true);
    }
  }

  private void complete(String id, int exitCode, boolean removed) {
    List<Waiter> list = waiters.get(id);
    if (list == null) {
      return;
    }
    for (Waiter waiter : list) {
      if (removed || waiter.condition() != Condition.REMOVED) {
        waiter.exit().complete(exitCode);
      }
    }
  }

  /** The exit code last seen for a container, if any (for a removed-wait after the exit). */
  Integer lastExit(String id) {
    return lastExit.get(id);
  }
}
