package io.berth.gateway.docker;

import io.berth.events.CommandFailed;
import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.Message;
import io.berth.events.QueryFailed;

/** Reads an outcome: the expected answer, or the failure it carries as a Docker error. */
final class Outcomes {

  private Outcomes() {}

  static <T extends Message> T expect(Enveloped<Message> outcome, Class<T> expected) {
    Message payload = outcome.payload();
    if (payload instanceof CommandFailed failed) {
      throw DockerApiException.of(failed.code(), failed.message());
    }
    if (payload instanceof QueryFailed failed) {
      throw DockerApiException.of(failed.code(), failed.message());
    }
    if (!expected.isInstance(payload)) {
      throw DockerApiException.of(
          ErrorCode.INTERNAL,
          "expected " + expected.getSimpleName() + " but got " + outcome.envelope().type());
    }
    return expected.cast(payload);
  }
}
