package io.berth.messaging;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reports a service DOWN when one of its consumer loops has died. */
@Singleton
@Requires(classes = AbstractHealthIndicator.class)
public class ConsumersHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  private final Consumers consumers;

  public ConsumersHealthIndicator(Consumers consumers) {
    this.consumers = consumers;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> details = new LinkedHashMap<>();
    healthStatus = HealthStatus.UP;
    for (ConsumerLoop loop : consumers.loops()) {
      boolean alive = loop.isAlive();
      details.put(loop.groupId(), alive ? "polling" : "stopped: " + loop.failure());
      if (!alive) {
        healthStatus = HealthStatus.DOWN;
      }
    }
    return details;
  }

  @Override
  protected String getName() {
    return "kafkaConsumers";
  }
}
