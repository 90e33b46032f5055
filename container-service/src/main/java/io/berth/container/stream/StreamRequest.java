package io.berth.container.stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.Objects;

/**
 * What the gateway asks the stream server for, read from the header line: an {@code attach} to a
 * container or the start of an {@code exec}.
 *
 * @param op {@code attach} or {@code exec}
 * @param id for attach, the container reference as the user typed it (id, id prefix or name); for
 *     exec, the exec id
 * @param stdin attach: whether the client's bytes go to the container's stdin
 * @param stdout attach: whether stdout is sent
 * @param stderr attach: whether stderr is sent
 * @param stream attach: whether output produced from now on is sent
 * @param logs attach: whether the output logged so far is sent first
 * @param detachKeys attach: the key sequence that detaches, or null for Docker's default
 * @param tty exec: whether the exec start asked for a TTY
 * @param detach exec: start the process and do not stream (the gateway closes after the answer)
 * @param consoleHeight exec: the TTY's initial height, 0 if not given
 * @param consoleWidth exec: the TTY's initial width, 0 if not given
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamRequest(
    String op,
    String id,
    boolean stdin,
    boolean stdout,
    boolean stderr,
    boolean stream,
    boolean logs,
    @Nullable String detachKeys,
    boolean tty,
    boolean detach,
    int consoleHeight,
    int consoleWidth) {

  /** The {@code op} of an attach to a container. */
  public static final String ATTACH = "attach";

  /** The {@code op} of an exec start. */
  public static final String EXEC = "exec";

  public StreamRequest {
    Objects.requireNonNull(op, "op");
    if (!op.equals(ATTACH) && !op.equals(EXEC)) {
      throw new IllegalArgumentException("unknown stream op: " + op);
    }
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a stream request needs an id");
    }
    if (consoleHeight < 0 || consoleWidth < 0) {
      throw new IllegalArgumentException("negative console size");
    }
  }

  /** An attach request, as {@code docker attach} or {@code docker run} makes it. */
  public static StreamRequest attach(
      String id,
      boolean stdin,
      boolean stdout,
      boolean stderr,
      boolean stream,
      boolean logs,
      @Nullable String detachKeys) {
    return new StreamRequest(
        ATTACH, id, stdin, stdout, stderr, stream, logs, detachKeys, false, false, 0, 0);
  }

  /** An exec start request, as {@code docker exec} makes it. */
  public static StreamRequest exec(
      String execId, boolean tty, boolean detach, int consoleHeight, int consoleWidth) {
    return new StreamRequest(
        EXEC,
        execId,
        false,
        false,
        false,
        false,
        false,
        null,
        tty,
        detach,
        consoleHeight,
        consoleWidth);
  }

  /** Whether this is an attach to a container. */
  public boolean isAttach() {
    return op.equals(ATTACH);
  }
}
