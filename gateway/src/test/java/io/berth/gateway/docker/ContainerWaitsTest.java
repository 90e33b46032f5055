package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.Catalogue;
import io.berth.events.Envelope;
import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.container.ContainerDied;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.container.ContainerStarted;
import io.berth.events.query.ContainerDetails;
import io.berth.gateway.docker.ContainerWaits.Condition;
import io.berth.gateway.docker.ContainerWaits.Result;
import io.berth.gateway.docker.ContainerWaits.Waiter;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Waits completed by fake container events, and the state that settles them. */
class ContainerWaitsTest {

  private static final String ID = "a".repeat(64);
  private static final String OTHER = "b".repeat(64);
  private static final Instant T = Instant.parse("2024-05-06T10:00:00Z");

  private final ContainerWaits waits = new ContainerWaits();

  private static ContainerDetails state(String status, int exitCode) {
    return new ContainerDetails(
        ID, "web", "busybox", null, T, null, null, status, 0, exitCode, null, false, null, null, 0,
        null, null, null);
  }

  private void event(Message payload) {
    Envelope envelope =
        Envelope.first(
            URI.create("urn:berth:test"), Catalogue.of(payload.getClass()), payload.subject());
    waits.onEvent(new Enveloped<>(envelope, payload));
  }

  private static ContainerDied died(String id, int code) {
    return new ContainerDied(id, code, false, T, null);
  }

  @Test
  void notRunningAnswersAtOnceForAContainerThatIsNotRunning() {
    Waiter waiter = waits.register(ID, Condition.NOT_RUNNING);

    waiter.settle(state("exited", 7));

    assertThat(waiter.result()).isCompletedWithValue(new Result(7, null));
    assertThat(waits.waiting()).isZero();
  }

  @Test
  void notRunningOnACreatedContainerAnswersZeroAtOnce() {
    Waiter waiter = waits.register(ID, Condition.NOT_RUNNING);

    waiter.settle(state("created", 0));

    assertThat(waiter.result()).isCompletedWithValue(new Result(0, null));
  }

  @Test
  void notRunningOnARunningContainerWaitsForItsDeath() {
    Waiter waiter = waits.register(ID, Condition.NOT_RUNNING);
    waiter.settle(state("running", 0));
    assertThat(waiter.result()).isNotDone();

    event(died(OTHER, 1));
    event(new ContainerStarted(ID, 42, T, false));
    assertThat(waiter.result()).isNotDone();

    event(new ContainerDied(ID, 3, false, T, "oops"));
    assertThat(waiter.result()).isCompletedWithValue(new Result(3, "oops"));
  }

  @Test
  void aDeathBetweenRegisteringAndTheStateAnswerIsNotMissed() {
    Waiter waiter = waits.register(ID, Condition.NOT_RUNNING);
    event(died(ID, 9));

    waiter.settle(state("running", 0)); // the answer was taken before the death

    assertThat(waiter.result()).isCompletedWithValue(new Result(9, null));
  }

  @Test
  void nextExitWaitsForTheNextDeathEvenOfAStoppedContainer() {
    Waiter waiter = waits.register(ID, Condition.NEXT_EXIT);
    waiter.settle(state("exited", 5));
    assertThat(waiter.result()).isNotDone();

    event(died(ID, 0));

    assertThat(waiter.result()).isCompletedWithValue(new Result(0, null));
  }

  @Test
  void removedAnswersTheLastExitSeenWhenTheContainerIsRemoved() {
    Waiter waiter = waits.register(ID, Condition.REMOVED);
    waiter.settle(state("running", 0));

    event(died(ID, 4));
    assertThat(waiter.result()).isNotDone();
    event(new ContainerRemoved(ID, "web"));

    assertThat(waiter.result()).isCompletedWithValue(new Result(4, null));
  }

  @Test
  void removedWithoutADeathAnswersTheStatesExitCode() {
    Waiter waiter = waits.register(ID, Condition.REMOVED);
    waiter.settle(state("exited", 2));

    event(new ContainerRemoved(ID, "web"));

    assertThat(waiter.result()).isCompletedWithValue(new Result(2, null));
  }

  @Test
  void aFailedStateQueryFailsTheWaitUnlessItWasAnsweredAlready() {
    Waiter answered = waits.register(ID, Condition.REMOVED);
    Waiter unanswered = waits.register(OTHER, Condition.REMOVED);
    event(new ContainerRemoved(ID, "web"));

    answered.fail(DockerApiException.badRequest("No such container"));
    unanswered.fail(DockerApiException.badRequest("No such container"));

    assertThat(answered.result()).isCompletedWithValue(new Result(0, null));
    assertThat(unanswered.result()).isCompletedExceptionally();
    assertThat(waits.waiting()).isZero();
  }

  @Test
  void aCancelledWaitIsForgotten() {
    Waiter waiter = waits.register(ID, Condition.NEXT_EXIT);

    waiter.result().cancel(false);

    assertThat(waits.waiting()).isZero();
  }

  @Test
  void conditionsAreParsedAsDockerNamesThem() {
    assertThat(Condition.parse(null)).isEqualTo(Condition.NOT_RUNNING);
    assertThat(Condition.parse("next-exit")).isEqualTo(Condition.NEXT_EXIT);
    assertThat(Condition.parse("removed")).isEqualTo(Condition.REMOVED);
    assertThatThrownBy(() -> Condition.parse("later"))
        .isInstanceOf(DockerApiException.class)
        .hasMessage("invalid condition: \"later\"");
  }

  @Test
  void theAnswerIsDockersWaitResponse() {
    assertThat(ContainerWaitController.json(new Result(3, null)))
        .isEqualTo("{\"StatusCode\":3,\"Error\":null}\n");
    assertThat(ContainerWaitController.json(new Result(127, "no such file")))
        .isEqualTo("{\"StatusCode\":127,\"Error\":{\"Message\":\"no such file\"}}\n");
  }

  @Test
  void theBodyGivesASpaceAtOnceAndTheJsonWhenDue() throws Exception {
    CompletableFuture<String> json = new CompletableFuture<>();
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try (InputStream body = new WaitBody(json, () -> json.cancel(false))) {
      byte[] buffer = new byte[64];
      assertThat(body.read(buffer)).isEqualTo(1);
      assertThat(buffer[0]).isEqualTo((byte) ' ');

      Future<byte[]> rest = reader.submit(body::readAllBytes);
      assertThat(rest).isNotDone();
      json.complete("{\"StatusCode\":0}");

      assertThat(new String(rest.get(), StandardCharsets.UTF_8)).isEqualTo("{\"StatusCode\":0}");
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  void closingTheBodyEndsTheWait() throws Exception {
    Waiter waiter = waits.register(ID, Condition.NEXT_EXIT);
    InputStream body =
        new WaitBody(
            waiter.result().thenApply(ContainerWaitController::json),
            () -> waiter.result().cancel(false));

    body.close();

    assertThat(waiter.result()).isCancelled();
    assertThat(waits.waiting()).isZero();
  }
}
