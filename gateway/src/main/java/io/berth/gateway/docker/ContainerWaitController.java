package io.berth.gateway.docker;

import io.berth.events.EventCodec;
import io.berth.events.query.ContainerInspectRequested;
import io.berth.events.query.ContainerInspected;
import io.berth.gateway.bus.Bus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /containers/{id}/wait?condition=not-running|next-exit|removed}: {@code
 * {"StatusCode":n,"Error":null}} once the condition holds. The 200 and its headers are sent as soon
 * as the container is known, the JSON when it is due (see {@link WaitBody}).
 */
@Controller
public class ContainerWaitController {

  private final Bus bus;
  private final ContainerWaits waits;

  public ContainerWaitController(Bus bus, ContainerWaits waits) {
    this.bus = bus;
    this.waits = waits;
  }

  @Post(
      uris = {"/containers/{ref}/wait", "/{apiVersion}/containers/{ref}/wait"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> wait(
      @PathVariable String ref, @QueryValue @Nullable String condition) {
    ContainerWaits.Condition wanted;
    try {
      wanted = ContainerWaits.Condition.parse(condition);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    return ContainerRefs.id(bus, ref)
        .thenCompose(
            id -> {
              ContainerWaits.Waiter waiter = waits.register(id, wanted);
              return bus.query(new ContainerInspectRequested(UUID.randomUUID().toString(), id))
                  .thenApply(
                      reply -> {
                        waiter.settle(Outcomes.expect(reply, ContainerInspected.class).container());
                        return waiter;
                      })
                  .whenComplete(
                      (settled, error) -> {
                        if (error != null) {
                          waiter.fail(error);
                        }
                      });
            })
        .<HttpResponse<?>>thenApply(
            waiter -> {
              InputStream body =
                  new WaitBody(
                      waiter.result().thenApply(ContainerWaitController::json),
                      () -> waiter.result().cancel(false));
              return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  /** The Engine API's {@code WaitResponse}. */
  static String json(ContainerWaits.Result result) {
    String error =
        result.error() == null
            ? "null"
            : EventCodec.toJsonString(Map.of("Message", result.error()));
    return "{\"StatusCode\":" + result.statusCode() + ",\"Error\":" + error + "}\n";
  }
}
