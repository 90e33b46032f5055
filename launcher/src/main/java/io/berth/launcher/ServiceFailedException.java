package io.berth.launcher;

import java.util.List;

/** A service did not start, did not become healthy in time, or could not be restarted. */
public final class ServiceFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String service;
  private final String reason;
  private final List<String> lastLogLines;

  /** A failure of {@code service} for {@code reason}, with the end of its log. */
  public ServiceFailedException(String service, String reason, List<String> lastLogLines) {
    super(message(service, reason, lastLogLines));
    this.service = service;
    this.reason = reason;
    this.lastLogLines = List.copyOf(lastLogLines);
  }

  /** The service that failed, e.g. {@code "gateway"}. */
  public String service() {
    return service;
  }

  /** Why, e.g. {@code "exited with code 1 before it became healthy"}. */
  public String reason() {
    return reason;
  }

  /** The last lines of the service's log (at most 20). */
  public List<String> lastLogLines() {
    return lastLogLines;
  }

  private static String message(String service, String reason, List<String> lines) {
    StringBuilder b = new StringBuilder(service).append(' ').append(reason);
    if (lines.isEmpty()) {
      b.append(" (its log is empty)");
    } else {
      b.append("; last ").append(lines.size()).append(" log lines:");
      for (String line : lines) {
        b.append(System.lineSeparator()).append("    ").append(line);
      }
    }
    return b.toString();
  }
}
