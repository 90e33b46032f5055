package io.berth.launcher;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for a Berth service in tests: serves {@code GET /health} on {@code
 * MICRONAUT_SERVER_PORT} and prints its environment. {@code STANDIN_MODE}: {@code exit} prints and
 * exits with 3 at once, {@code unhealthy} answers 503, {@code stubborn} ignores SIGTERM. With
 * {@code STANDIN_CHILD=true} it first starts {@code setsid sleep 300} (in a session of its own,
 * like a container) and prints {@code child <pid>}.
 */
public final class StandInService {

  private StandInService() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    String mode = System.getenv().getOrDefault("STANDIN_MODE", "ok");
    System.out.println("stand-in starting, mode " + mode);
    System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
    System.out.println("BERTH_DATA_DIR=" + System.getenv("BERTH_DATA_DIR"));
    System.out.println("FAULT=" + System.getenv("FAULT"));
    if (mode.equals("exit")) {
      System.out.println("failing on purpose");
      System.exit(3);
    }
    if (Boolean.parseBoolean(System.getenv("STANDIN_CHILD"))) {
      Process child = new ProcessBuilder("setsid", "sleep", "300").inheritIO().start();
      System.out.println("child " + child.pid());
    }
    int port = Integer.parseInt(System.getenv("MICRONAUT_SERVER_PORT"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    int status = mode.equals("unhealthy") ? 503 : 200;
    server.createContext(
        "/health",
        exchange -> {
          byte[] body = "{\"status\":\"UP\"}".getBytes();
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    System.out.println("stand-in listening on " + port);
    CountDownLatch never = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("stand-in got SIGTERM");
                  if (mode.equals("stubborn")) {
                    try {
                      never.await();
                    } catch (InterruptedException ignored) {
                      // Killed anyway.
                    }
                  }
                }));
    never.await();
  }

  /** The command that runs this stand-in from the test class path. */
  static java.util.List<String> command() {
    return java.util.List.of(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1",
        "-Xshare:auto",
        "-cp",
        System.getProperty("java.class.path"),
        StandInService.class.getName());
  }
}
