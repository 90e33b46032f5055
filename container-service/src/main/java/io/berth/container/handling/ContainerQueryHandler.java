package io.berth.container.handling;

import io.berth.container.ContainerException;
import io.berth.container.store.ContainerRepository;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRows;
import io.berth.container.store.ContainerState;
import io.berth.container.store.StateCount;
import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.Message;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.ContainerIds;
import io.berth.events.query.ContainerCountsReported;
import io.berth.events.query.ContainerCountsRequested;
import io.berth.events.query.ContainerListReported;
import io.berth.events.query.ContainerListRequested;
import io.berth.events.query.ContainerResolveRequested;
import io.berth.events.query.ContainerResolved;
import io.berth.events.query.ContainerSummary;
import io.berth.messaging.MessageHandler;
import io.berth.messaging.QueryResponder;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers the queries addressed to the container-service; ignores everyone else's. */
@Singleton
public class ContainerQueryHandler implements MessageHandler {

  private final ContainerRepository containers;
  private final QueryResponder responder;

  public ContainerQueryHandler(ContainerRepository containers, QueryResponder responder) {
    this.containers = containers;
    this.responder = responder;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    if (message.payload() instanceof ContainerCountsRequested counts) {
      long running = 0;
      long paused = 0;
      long total = 0;
      for (StateCount count : containers.countPerState()) {
        total += count.n();
        if (count.state().equals(ContainerState.RUNNING.name())) {
          running = count.n();
        } else if (count.state().equals(ContainerState.PAUSED.name())) {
          paused = count.n();
        }
      }
      responder.reply(
          message,
          new ContainerCountsReported(
              counts.requestId(), total, running, paused, total - running - paused));
    } else if (message.payload() instanceof ContainerListRequested list) {
      List<ContainerRow> rows =
          list.all()
              ? containers.listOrderByCreatedAtDesc()
              : containers.findByStateInListOrderByCreatedAtDesc(
                  List.of(
                      ContainerState.RUNNING, ContainerState.PAUSED, ContainerState.RESTARTING));
      responder.reply(
          message,
          new ContainerListReported(
              list.requestId(), rows.stream().map(ContainerQueryHandler::summary).toList()));
    } else if (message.payload() instanceof ContainerResolveRequested resolve) {
      try {
        ContainerRow row = resolve(resolve.reference());
        responder.reply(
            message,
            new ContainerResolved(
                resolve.requestId(), row.id(), row.name(), row.state().dockerName()));
      } catch (ContainerException e) {
        responder.fail(message, e.code(), e.getMessage());
      }
    }
  }

  private static ContainerSummary summary(ContainerRow row) {
    ContainerConfig config = ContainerRows.config(row);
    List<String> commandLine = new ArrayList<>(config.entrypoint());
    commandLine.addAll(config.cmd());
    return new ContainerSummary(
        row.id(),
        row.name(),
        row.image(),
        row.imageId(),
        String.join(" ", commandLine),
        row.createdAt(),
        row.state().dockerName(),
        config.labels(),
        null,
        null,
        null);
  }

  /** Docker's order: full id, then exact name, then a unique id prefix. */
  private ContainerRow resolve(String reference) {
    String ref = reference.startsWith("/") ? reference.substring(1) : reference;
    if (ContainerIds.isId(ref)) {
      Optional<ContainerRow> byId = containers.findById(ref);
      if (byId.isPresent()) {
        return byId.get();
      }
    }
    Optional<ContainerRow> byName = containers.findByName(ref);
    if (byName.isPresent()) {
      return byName.get();
    }
    if (!ref.isEmpty() && ref.matches("[0-9a-f]+")) {
      List<ContainerRow> matches = containers.findByIdLike(ref + "%");
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        throw new ContainerException(
            ErrorCode.INVALID_ARGUMENT, "multiple IDs found with provided prefix: " + reference);
      }
    }
    throw ContainerException.noSuchContainer(reference);
  }
}
