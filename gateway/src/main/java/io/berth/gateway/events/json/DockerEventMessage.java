package io.berth.gateway.events.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One message of Docker's event stream ({@code GET /events}), as moby's {@code events.Message}
 * writes it for API versions before 1.52: {@code status}, {@code id} and {@code from} are the
 * deprecated fields the docker CLI still reads, filled for container and image events.
 *
 * @param status the action (deprecated field)
 * @param id the actor's id (deprecated field)
 * @param from a container's image (deprecated field)
 * @param type {@code container} or {@code image}
 * @param action what happened, like {@code start} or {@code exec_create: sh -c ls}
 * @param actor who it happened to
 * @param scope always {@code local}
 * @param time the event's time in Unix seconds
 * @param timeNano the event's time in Unix nanoseconds
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.44/#tag/System/operation/SystemEvents">SystemEvents</a>
 */
@JsonPropertyOrder({"status", "id", "from", "Type", "Action", "Actor", "scope", "time", "timeNano"})
public record DockerEventMessage(
    @JsonProperty("status") @JsonInclude(JsonInclude.Include.NON_EMPTY) String status,
    @JsonProperty("id") @JsonInclude(JsonInclude.Include.NON_EMPTY) String id,
    @JsonProperty("from") @JsonInclude(JsonInclude.Include.NON_EMPTY) String from,
    @JsonProperty("Type") String type,
    @JsonProperty("Action") String action,
    @JsonProperty("Actor") Actor actor,
    @JsonProperty("scope") String scope,
    @JsonProperty("time") long time,
    @JsonProperty("timeNano") long timeNano) {

  /** Docker's scope for engine events. */
  public static final String LOCAL = "local";

  /**
   * The thing an event happened to.
   *
   * @param id its id (a container id, an image id or, for {@code pull}, the reference)
   * @param attributes its name, image, labels and what the action adds, sorted by key as Go writes
   *     a map
   */
  public record Actor(
      @JsonProperty("ID") String id, @JsonProperty("Attributes") Map<String, String> attributes) {
    public Actor {
      attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }
  }
}
