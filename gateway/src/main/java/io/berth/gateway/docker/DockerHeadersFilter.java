package io.berth.gateway.docker;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every Docker client expects of every answer: {@code Api-Version}, {@code Ostype} and the
 * {@code Server} header; and versioned paths ({@code /v1.44/...}) checked against the versions
 * Berth speaks, as the Engine API does.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class DockerHeadersFilter {

  private static final Pattern VERSIONED = Pattern.compile("^/v(\\d+\\.\\d+)(/.*)?$");
  private static final Pattern LOOKS_VERSIONED = Pattern.compile("^/v[0-9][^/]*(/.*)?$");

  /** First path segments the Engine API and Berth answer unversioned. */
  private static final Set<String> TOP_LEVEL =
      Set.of(
          "_ping",
          "version",
          "info",
          "containers",
          "images",
          "build",
          "commit",
          "events",
          "exec",
          "networks",
          "volumes",
          "system",
          "auth",
          "plugins",
          "distribution",
          "session",
          "swarm",
          "nodes",
          "services",
          "tasks",
          "secrets",
          "configs",
          "health",
          "berth");

  @RequestFilter
  @Nullable
  public HttpResponse<?> checkVersion(HttpRequest<?> request) {
    MutableHttpResponse<?> refusal = refusal(request);
    if (refusal != null) {
      addHeaders(refusal); // the response filter does not see answers given here
    }
    return refusal;
  }

  @Nullable
  private static MutableHttpResponse<?> refusal(HttpRequest<?> request) {
    String path = request.getPath();
    Matcher versioned = VERSIONED.matcher(path);
    if (versioned.matches()) {
      String version = versioned.group(1);
      if (DockerApi.compare(version, DockerApi.MIN_VERSION) < 0) {
        return DockerErrorHandlers.error(
            HttpStatus.BAD_REQUEST,
            "client version "
                + version
                + " is too old. Minimum supported API version is "
                + DockerApi.MIN_VERSION
                + ", please upgrade your client to a newer version");
      }
      if (DockerApi.compare(version, DockerApi.VERSION) > 0) {
        return DockerErrorHandlers.error(
            HttpStatus.BAD_REQUEST,
            "client version "
                + version
                + " is too new. Maximum supported API version is "
                + DockerApi.VERSION);
      }
      return null;
    }
    if (LOOKS_VERSIONED.matcher(path).matches()) {
      return DockerErrorHandlers.error(HttpStatus.BAD_REQUEST, "invalid API version in " + path);
    }
    String first = path.length() > 1 ? path.substring(1).split("/", 2)[0] : "";
    if (!TOP_LEVEL.contains(first)) {
      return DockerErrorHandlers.error(HttpStatus.NOT_FOUND, "page not found");
    }
    return null;
  }

  @ResponseFilter
  public void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (response.status() == HttpStatus.NOT_FOUND
        && RouteAttributes.getRouteMatch(request).isEmpty()) {
      // No route: Docker's body, not Micronaut's. A 404 a route gave (no such image...) stays.
      response.body(java.util.Map.of("message", "page not found"));
    }
    addHeaders(response);
  }

  private static void addHeaders(MutableHttpResponse<?> response) {
    response.header("Api-Version", DockerApi.VERSION);
    response.header("Ostype", "linux");
    response.header("Docker-Experimental", "false");
    response.header("Server", DockerApi.SERVER);
  }
}
