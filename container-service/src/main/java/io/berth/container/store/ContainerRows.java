package io.berth.container.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.events.EventCodec;
import io.berth.events.container.ContainerConfig;
import java.io.UncheckedIOException;

/** Reads the JSON columns of a container row back into the contract's records. */
public final class ContainerRows {

  private ContainerRows() {}

  /** The effective config. */
  public static ContainerConfig config(ContainerRow row) {
    return read(row, row.config(), ContainerConfig.class);
  }

  private static <T> T read(ContainerRow row, String json, Class<T> type) {
    try {
      return EventCodec.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("corrupt container record " + row.id(), e);
    }
  }
}
