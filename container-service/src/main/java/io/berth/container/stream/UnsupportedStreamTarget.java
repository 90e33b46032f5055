package io.berth.container.stream;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/**
 * The stream target until the runtime provides one: it refuses every attach and exec with 501.
 * {@code @Secondary}, so any other {@link StreamTarget} bean (a plain {@code @Singleton}) wins.
 */
@Singleton
@Secondary
public class UnsupportedStreamTarget implements StreamTarget {

  @Override
  public StreamSession open(StreamRequest request) throws StreamRefusedException {
    throw new StreamRefusedException(501, request.op() + " is not supported yet");
  }
}
