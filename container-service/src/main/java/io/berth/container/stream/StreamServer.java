package io.berth.container.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP server the gateway splices {@code docker attach} and {@code docker exec} connections
 * onto: one blocking thread per connection reads the header line, asks the {@link StreamTarget},
 * answers, then runs the session on the socket's streams (the protocol is described in this
 * package's documentation).
 */
@Context
public final class StreamServer implements AutoCloseable {

  /** The longest header line read; a longer one is refused. */
  public static final int MAX_HEADER_LINE = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(StreamServer.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** How long a closing connection waits for the gateway to close its side. */
  private static final int LINGER_MILLIS = 2_000;

  private final InetSocketAddress address;
  private final StreamTarget target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile ServerSocket server;

  /**
   * @param host the address to listen on (the service's own HTTP host)
   * @param port the port; 0 picks a free one
   * @param target what opens the sessions
   */
  @Inject
  public StreamServer(
      @Value("${micronaut.server.host:127.0.0.1}") String host,
      @Value("${berth.container.stream-port:23754}") int port,
      StreamTarget target) {
    this.address = new InetSocketAddress(host, port);
    this.target = Objects.requireNonNull(target, "target");
  }

  /**
   * Binds the port and starts accepting. A port that cannot be bound is logged, not thrown: the
   * service still runs, without attach and exec.
   */
  @PostConstruct
  public synchronized void start() throws IOException {
    if (server != null) {
      return;
    }
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    try {
      socket.bind(address, 64);
    } catch (IOException e) {
      // The rest of the service works without attach and exec: say so loudly, do not fail start-up.
      socket.close();
      LOG.error("Stream server cannot listen on {}: docker attach and exec will fail", address, e);
      return;
    }
    server = socket;
    Thread accept = new Thread(this::acceptLoop, "berth-stream-accept");
    accept.setDaemon(true);
    accept.start();
    LOG.info("Stream server listening on {}", socket.getLocalSocketAddress());
  }

  /** The address it listens on, once started. */
  public InetSocketAddress localAddress() {
    ServerSocket socket = server;
    if (socket == null) {
      throw new IllegalStateException("the stream server is not started");
    }
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Stops accepting and closes every open connection, which ends their sessions. */
  @PreDestroy
  @Override
  public synchronized void close() {
    ServerSocket socket = server;
    if (socket == null) {
      return;
    }
    closeQuietly(socket);
    for (Socket connection : open) {
      closeQuietly(connection);
    }
  }

  private void acceptLoop() {
    ServerSocket socket = server;
    while (!socket.isClosed()) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException e) {
        if (!socket.isClosed()) {
          LOG.warn("Stream server stopped accepting", e);
        }
        return;
      }
      open.add(connection);
      Thread thread =
          new Thread(() -> serve(connection), "berth-stream-" + connections.incrementAndGet());
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = new BufferedOutputStream(connection.getOutputStream());
      StreamSession session = open(in, out);
      if (session != null) {
        try {
          session.run(in, out);
        } finally {
          out.flush();
        }
      }
      closeGracefully(connection);
    } catch (SocketException e) {
      LOG.debug("Stream connection ended: {}", e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.warn("Stream connection failed", e);
    } finally {
      open.remove(connection);
    }
  }

  /** Reads the header line, asks the target, answers; null when refused (answer written). */
  private StreamSession open(InputStream in, OutputStream out) throws IOException {
    StreamRequest request;
    try {
      request = JSON.readValue(readLine(in), StreamRequest.class);
    } catch (HeaderTooLongException e) {
      refuse(out, 400, e.getMessage());
      return null;
    } catch (JsonProcessingException e) {
      // a constructor's IllegalArgumentException arrives wrapped in one, too
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      refuse(out, 400, "bad stream header: " + cause.getMessage());
      return null;
    }
    StreamSession session;
    try {
      session = target.open(request);
    } catch (StreamRefusedException e) {
      refuse(out, e.status(), e.getMessage());
      return null;
    } catch (RuntimeException e) {
      LOG.warn("Opening {} {} failed", request.op(), request.id(), e);
      refuse(out, 500, String.valueOf(e.getMessage()));
      return null;
    }
    answer(out, StreamReply.accepted(session.tty()));
    return session;
  }

  private static void refuse(OutputStream out, int status, String message) throws IOException {
    answer(out, StreamReply.refused(status, message));
  }

  private static void answer(OutputStream out, StreamReply reply) throws IOException {
    out.write(JSON.writeValueAsBytes(reply));
    out.write('\n');
    out.flush();
  }

  /** The header line without its {@code \n}, read byte by byte so nothing after it is consumed. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    while (true) {
      int b = in.read();
      if (b == -1) {
        throw new IOException("the stream connection ended before its header line");
      }
      if (b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
      if (line.size() == MAX_HEADER_LINE) {
        throw new HeaderTooLongException();
      }
      line.write(b);
    }
  }

  /**
   * Ends the connection without losing output: a close with unread input would send a reset that
   * can drop output the gateway has not read yet, so the output is shut first and the input drained
   * until the gateway closes its side (or a short wait passes).
   */
  private static void closeGracefully(Socket connection) throws IOException {
    connection.shutdownOutput();
    connection.setSoTimeout(LINGER_MILLIS);
    byte[] discard = new byte[8192];
    long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
    try {
      InputStream in = connection.getInputStream();
      while (System.nanoTime() < deadline && in.read(discard) != -1) {
        // the client's stdin nobody reads any more
      }
    } catch (SocketTimeoutException | SocketException e) {
      // gone or silent: close anyway
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.debug("Closing {} failed", closeable, e);
    }
  }

  /** A header line past {@link #MAX_HEADER_LINE}. */
  private static final class HeaderTooLongException extends IOException {
    HeaderTooLongException() {
      super("stream header line longer than " + MAX_HEADER_LINE + " bytes");
    }
  }
}
