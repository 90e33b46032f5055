package io.berth.container.network;

import io.berth.container.ContainerException;
import io.berth.events.ErrorCode;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Host ports for published container ports: a port asked for is checked against the ports this node
 * already forwards; a port left open ({@code -P}, {@code -p 127.0.0.1::80}) is one the kernel hands
 * out as free for a socket of that protocol on that address, and not forwarded already.
 */
final class HostPorts {

  private HostPorts() {}

  /**
   * The host port to use.
   *
   * @throws ContainerException ALREADY_EXISTS with Docker's wording when the port is taken
   */
  static int choose(String protocol, String hostIp, int asked, List<PublishedPortRow> inUse) {
    if (asked > 0) {
      if (taken(protocol, hostIp, asked, inUse)) {
        throw new ContainerException(
            ErrorCode.FAILED_PRECONDITION,
            "driver failed programming external connectivity: Bind for "
                + (hostIp.isEmpty() ? "0.0.0.0" : hostIp)
                + ":"
                + asked
                + " failed: port is already allocated");
      }
      return asked;
    }
    for (int attempt = 0; attempt < 20; attempt++) {
      int port = kernelFree(protocol, hostIp);
      if (!taken(protocol, hostIp, port, inUse)) {
        return port;
      }
    }
    throw new ContainerException(ErrorCode.UNAVAILABLE, "no free host port for " + protocol);
  }

  private static boolean taken(
      String protocol, String hostIp, int port, List<PublishedPortRow> in) {
    return in.stream()
        .anyMatch(
            p ->
                p.protocol().equals(protocol)
                    && p.hostPort() == port
                    && (p.hostIp().isEmpty() || hostIp.isEmpty() || p.hostIp().equals(hostIp)));
  }

  private static int kernelFree(String protocol, String hostIp) {
    try {
      InetAddress address = hostIp.isEmpty() ? null : InetAddress.getByName(hostIp);
      if (protocol.equals("udp")) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0))) {
          return socket.getLocalPort();
        }
      }
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(address, 0));
        return socket.getLocalPort();
      }
    } catch (IOException e) {
      throw new ContainerException(
          ErrorCode.INVALID_ARGUMENT,
          "cannot publish a port on " + hostIp + ": " + e.getMessage(),
          e);
    }
  }
}
