package io.berth.gateway.docker.hijack;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Objects;

/** Where the container-service's stream port is, and how long it may take to answer. */
@Singleton
public final class ContainerStreamConfig {

  private final String host;
  private final int port;
  private final Duration answerTimeout;

  /**
   * @param host the container-service's stream host ({@code gateway.container-stream.host})
   * @param port its stream port ({@code gateway.container-stream.port})
   * @param answerTimeout how long connecting and the answer line may take ({@code
   *     gateway.container-stream.answer-timeout}); an exec starts its process before answering
   */
  @Inject
  public ContainerStreamConfig(
      @Value("${gateway.container-stream.host:127.0.0.1}") String host,
      @Value("${gateway.container-stream.port:23754}") int port,
      @Value("${gateway.container-stream.answer-timeout:30s}") Duration answerTimeout) {
    this.host = Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
    this.port = port;
    this.answerTimeout = Objects.requireNonNull(answerTimeout, "answerTimeout");
  }

  /** The container-service's stream host. */
  public String host() {
    return host;
  }

  /** The container-service's stream port. */
  public int port() {
    return port;
  }

  /** How long connecting and the answer line may take. */
  public Duration answerTimeout() {
    return answerTimeout;
  }
}
