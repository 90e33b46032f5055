package io.berth.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.EventCodec;
import io.berth.gateway.docker.DockerApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Berth's audit API: {@code GET /berth/v1/audit} (filtered, paged), {@code GET
 * /berth/v1/containers/{id}/history} (a container's whole timeline, also after it was removed),
 * both as JSON or JSON lines, and {@code POST /berth/v1/audit/rebuild}. See docs/audit.md.
 */
@Controller("/berth/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {

  /**
   * JSON lines, one entry per line: {@code Accept: application/x-ndjson} or {@code format=jsonl}.
   */
  static final String NDJSON = "application/x-ndjson";

  private static final ObjectMapper JSON = EventCodec.mapper();
  private static final int DEFAULT_LIMIT = 100;

  private final AuditStore store;
  private final AuditProjection projection;

  AuditController(AuditStore store, AuditProjection projection) {
    this.store = store;
    this.projection = projection;
  }

  @Get("/audit")
  public HttpResponse<String> audit(
      @QueryValue @Nullable String container,
      @QueryValue @Nullable String image,
      @QueryValue @Nullable String principal,
      @QueryValue @Nullable String action,
      @QueryValue @Nullable String correlation,
      @QueryValue @Nullable String since,
      @QueryValue @Nullable String until,
      @QueryValue @Nullable Integer limit,
      @QueryValue @Nullable Integer page,
      @QueryValue @Nullable String format,
      @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
    AuditQuery query;
    try {
      query =
          new AuditQuery(
              blankToNull(container),
              blankToNull(image),
              blankToNull(principal),
              blankToNull(action),
              blankToNull(correlation),
              time("since", since),
              time("until", until),
              limit == null ? DEFAULT_LIMIT : limit,
              page == null ? 0 : page);
    } catch (IllegalArgumentException e) {
      throw DockerApiException.badRequest(e.getMessage());
    }
    AuditPage found = store.find(query);
    if (wantsLines(format, accept)) {
      return lines(found);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("page", found.page());
    body.put("limit", found.limit());
    body.put("total", found.total());
    body.put("entries", found.entries());
    return json(body);
  }

  @Get("/containers/{ref}/history")
  public HttpResponse<String> history(
      @PathVariable String ref,
      @QueryValue @Nullable String format,
      @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
    AuditPage found = store.find(AuditQuery.historyOf(ref));
    if (found.entries().isEmpty()) {
      throw new DockerApiException(HttpStatus.NOT_FOUND, "No history for container: " + ref);
    }
    if (wantsLines(format, accept)) {
      return lines(found);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("container", ref);
    body.put("entries", found.entries());
    return json(body);
  }

  @Post("/audit/rebuild")
  public HttpResponse<String> rebuild() {
    projection.rebuild().join();
    return json(Map.of("message", "audit projection dropped; replaying from Kafka"))
        .status(HttpStatus.ACCEPTED);
  }

  private static boolean wantsLines(@Nullable String format, @Nullable String accept) {
    if (format != null && !format.isBlank()) {
      if (format.equals("jsonl") || format.equals("ndjson")) {
        return true;
      }
      if (format.equals("json")) {
        return false;
      }
      throw DockerApiException.badRequest("format must be json or jsonl, was " + format);
    }
    return accept != null && accept.contains(NDJSON);
  }

  private static HttpResponse<String> lines(AuditPage page) {
    StringBuilder out = new StringBuilder();
    for (AuditEntry entry : page.entries()) {
      out.append(write(entry)).append('\n');
    }
    return HttpResponse.ok(out.toString()).contentType(NDJSON);
  }

  private static MutableHttpResponse<String> json(Object body) {
    return HttpResponse.ok(write(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the audit as JSON", e);
    }
  }

  /** An RFC 3339 time or Unix seconds (with an optional fraction), as {@code docker events}. */
  static Instant time(String name, @Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.matches("-?\\d+(\\.\\d+)?")) {
        BigDecimal seconds = new BigDecimal(value);
        return Instant.ofEpochSecond(
            seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
      }
      return Instant.parse(value);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          name + " must be an RFC 3339 time or Unix seconds, was " + value);
    }
  }

  private static String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
