package io.berth.gateway.docker.hijack;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.gateway.docker.DockerApi;
import io.micronaut.core.annotation.Nullable;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request whose connection is hijacked: {@code POST /containers/{id}/attach} or {@code POST
 * /exec/{id}/start}, with or without a {@code /v1.xx} prefix, read the way the Engine API reads it.
 *
 * @param exec whether it is an exec start (else an attach)
 * @param id the container reference as typed, or the exec id
 * @param version the API version the path speaks (Berth's own when unversioned)
 * @param upgrade whether the client asked for {@code Upgrade: tcp} (answered 101, else 200)
 * @param query the query parameters
 */
record HijackRequest(
    boolean exec, String id, String version, boolean upgrade, Map<String, List<String>> query) {

  /** Docker's content type for a raw (TTY, or pre-1.42) stream. */
  static final String RAW_STREAM = "application/vnd.docker.raw-stream";

  /** Docker's content type for a multiplexed (non-TTY) stream, API 1.42 and later. */
  static final String MULTIPLEXED_STREAM = "application/vnd.docker.multiplexed-stream";

  private static final Pattern ATTACH =
      Pattern.compile("^(?:/v(\\d+\\.\\d+))?/containers/([^/]+)/attach/?$");
  private static final Pattern EXEC_START =
      Pattern.compile("^(?:/v(\\d+\\.\\d+))?/exec/([^/]+)/start/?$");

  /**
   * The hijack a request asks for, if it is one. A path with a version Berth does not speak is left
   * to Micronaut, whose version filter refuses it as Docker does.
   */
  static Optional<HijackRequest> match(HttpRequest request) {
    if (!HttpMethod.POST.equals(request.method())) {
      return Optional.empty();
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    Matcher attach = ATTACH.matcher(path);
    Matcher exec = EXEC_START.matcher(path);
    Matcher matched = attach.matches() ? attach : exec.matches() ? exec : null;
    if (matched == null) {
      return Optional.empty();
    }
    String version = matched.group(1) == null ? DockerApi.VERSION : matched.group(1);
    if (compare(version, DockerApi.MIN_VERSION) < 0 || compare(version, DockerApi.VERSION) > 0) {
      return Optional.empty();
    }
    boolean upgrade = request.headers().contains(HttpHeaderNames.UPGRADE);
    return Optional.of(
        new HijackRequest(matched == exec, matched.group(2), version, upgrade, uri.parameters()));
  }

  /**
   * The header line's record: for an attach from the query, for an exec start from its JSON body
   * ({@code {"Detach":false,"Tty":false,"ConsoleSize":[h,w]}}).
   *
   * @throws IOException when the exec start body is not that JSON
   */
  Object header(byte[] body) throws IOException {
    if (!exec) {
      return new StreamWire.Attach(
          "attach",
          id,
          bool("stdin"),
          bool("stdout"),
          bool("stderr"),
          bool("stream"),
          bool("logs"),
          text("detachKeys"));
    }
    JsonNode start = body.length == 0 ? null : StreamWire.tree(body);
    if (start != null && !start.isNull() && !start.isObject()) {
      throw new IOException("the exec start body must be a JSON object");
    }
    boolean tty = start != null && start.path("Tty").asBoolean(false);
    boolean detach = start != null && start.path("Detach").asBoolean(false);
    JsonNode size = start == null ? null : start.get("ConsoleSize");
    int height = 0;
    int width = 0;
    if (size != null && !size.isNull()) {
      if (!size.isArray()
          || size.size() != 2
          || !size.get(0).canConvertToInt()
          || !size.get(1).canConvertToInt()
          || size.get(0).asInt() < 0
          || size.get(1).asInt() < 0) {
        throw new IOException("ConsoleSize must be [height, width]");
      }
      height = size.get(0).asInt();
      width = size.get(1).asInt();
    }
    return new StreamWire.Exec("exec", id, tty, detach, height, width);
  }

  /** The content type of the hijacked stream, as moby's {@code AttachStreams} chooses it. */
  String contentType(boolean tty) {
    return upgrade && !tty && compare(version, "1.42") >= 0 ? MULTIPLEXED_STREAM : RAW_STREAM;
  }

  /** A boolean query parameter, read as moby's {@code httputils.BoolValue}. */
  private boolean bool(String name) {
    String value = first(name);
    if (value == null) {
      return false;
    }
    String s = value.trim().toLowerCase(Locale.ROOT);
    return !(s.isEmpty()
        || s.equals("0")
        || s.equals("no")
        || s.equals("false")
        || s.equals("none"));
  }

  @Nullable
  private String text(String name) {
    String value = first(name);
    return value == null || value.isEmpty() ? null : value;
  }

  @Nullable
  private String first(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Compares two {@code major.minor} API versions. */
  private static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
    return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
  }
}
