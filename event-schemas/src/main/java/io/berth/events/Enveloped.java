package io.berth.events;

import java.util.Objects;

/** A decoded message: its envelope and its typed payload. */
public record Enveloped<T extends Message>(Envelope envelope, T payload) {
  public Enveloped {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(payload, "payload");
  }
}
