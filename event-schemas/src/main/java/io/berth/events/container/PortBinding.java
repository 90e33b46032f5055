package io.berth.events.container;

import java.util.Locale;
import java.util.Objects;

/**
 * One published port ({@code -p [hostIp:][hostPort:]containerPort[/protocol]}, or one chosen by
 * {@code -P}): asked for in a {@link HostConfig}, and with the host port chosen once the container
 * runs.
 *
 * @param containerPort the port inside the container
 * @param protocol {@code tcp} or {@code udp}
 * @param hostIp the host address it listens on; empty for every address
 * @param hostPort the host port, 0 to let the host choose a free one
 */
public record PortBinding(int containerPort, String protocol, String hostIp, int hostPort) {

  public PortBinding {
    if (containerPort < 1 || containerPort > 65535) {
      throw new IllegalArgumentException("invalid container port: " + containerPort);
    }
    if (hostPort < 0 || hostPort > 65535) {
      throw new IllegalArgumentException("invalid host port: " + hostPort);
    }
    protocol = protocol == null || protocol.isBlank() ? "tcp" : protocol.toLowerCase(Locale.ROOT);
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw new IllegalArgumentException("invalid protocol: " + protocol);
    }
    hostIp = hostIp == null ? "" : hostIp;
  }

  /**
   * Parses Docker's port key ({@code 8080}, {@code 8080/tcp}, {@code 53/udp}) with a host address
   * and port as the Engine API's {@code PortBindings} give them (an empty host port means any).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static PortBinding parse(String portKey, String hostIp, String hostPort) {
    Objects.requireNonNull(portKey, "portKey");
    String[] parts = portKey.split("/", 2);
    int container = number(parts[0], "container port", portKey);
    int host = hostPort == null || hostPort.isBlank() ? 0 : number(hostPort, "host port", hostPort);
    return new PortBinding(container, parts.length == 2 ? parts[1] : "tcp", hostIp, host);
  }

  /** Docker's key for the container side: {@code 8080/tcp}. */
  public String portKey() {
    return containerPort + "/" + protocol;
  }

  /** The same binding with the host port the host chose. */
  public PortBinding withHostPort(int port) {
    return new PortBinding(containerPort, protocol, hostIp, port);
  }

  private static int number(String text, String what, String whole) {
    try {
      int value = Integer.parseInt(text.trim());
      if (value < 0 || value > 65535) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid " + what + ": " + whole);
    }
  }
}
