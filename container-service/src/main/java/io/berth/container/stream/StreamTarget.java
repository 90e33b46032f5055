package io.berth.container.stream;

/**
 * Where the stream server sends an attach or an exec start: it finds the container or exec and
 * opens its streams, or refuses.
 *
 * <p>The runtime's implementation is a plain {@code @Singleton}: it replaces {@link
 * UnsupportedStreamTarget}, which is {@code @Secondary}.
 */
public interface StreamTarget {

  /**
   * Opens the streams a request names. Called on the connection's own thread; may block briefly (an
   * exec starts its process here).
   *
   * @param request what the gateway asked for
   * @return the session to run on the connection
   * @throws StreamRefusedException when there is no such container or exec, or it cannot be
   *     attached to; its status and message reach the Docker client
   */
  StreamSession open(StreamRequest request) throws StreamRefusedException;
}
