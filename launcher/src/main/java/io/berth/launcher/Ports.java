package io.berth.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Loopback port helpers: free ports for tests and "is this port taken?" checks for the CLI. */
public final class Ports {

  private static final String LOOPBACK = "127.0.0.1";

  private Ports() {}

  /** Returns {@code count} distinct ports that were free on 127.0.0.1 a moment ago. */
  public static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + LOOPBACK, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // The port only had to be probed.
        }
      }
    }
  }

  /** Returns one port that was free on 127.0.0.1 a moment ago. */
  public static int freePort() {
    return freePorts(1)[0];
  }

  /**
   * True when something listens on {@code 127.0.0.1:port} or the port cannot be bound there (for
   * example because a process listens on all interfaces).
   */
  public static boolean inUse(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
      return true;
    } catch (IOException notListening) {
      // Nobody answers; make sure we could bind it ourselves.
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** True when a TCP connection to {@code 127.0.0.1:port} succeeds within the timeout. */
  public static boolean accepts(int port, int timeoutMillis) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LOOPBACK, port), timeoutMillis);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
