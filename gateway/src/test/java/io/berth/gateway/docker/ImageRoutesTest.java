package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.uri.UriMatchInfo;
import io.micronaut.http.uri.UriMatchTemplate;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Docker routes as Micronaut matches them (its own {@link UriMatchTemplate}), read from the
 * controllers' annotations: image names with {@code /} and {@code :} reach the right method, and no
 * path matches two routes of one HTTP method.
 */
class ImageRoutesTest {

  private static final List<Class<?>> CONTROLLERS =
      List.of(
          ImagesController.class,
          ImageTransferController.class,
          ContainersController.class,
          ContainerLifecycleController.class,
          ContainerWaitController.class,
          ContainerProxyController.class,
          ExecController.class,
          SystemController.class);

  private record Route(String httpMethod, String template, String handler) {}

  private record Match(String handler, Map<String, Object> variables) {}

  @ParameterizedTest(name = "{0} {1} -> {2}({3})")
  @CsvSource({
    "GET, /images/busybox/json, inspect, busybox",
    "GET, /v1.44/images/busybox:1.36/json, inspect, busybox:1.36",
    "GET, /images/registry.example:5000/team/app:1.0/json, inspect,"
        + " registry.example:5000/team/app:1.0",
    "GET, /v1.41/images/registry.example:5000/team/app:1.0/json, inspect,"
        + " registry.example:5000/team/app:1.0",
    "GET, /images/sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef/json,"
        + " inspect, sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "GET, /images/0123abcd/json, inspect, 0123abcd",
    "GET, /images/team/json/json, inspect, team/json",
    "GET, /v1.44/images/team/app:1.0/history, history, team/app:1.0",
    "GET, /v1.44/images/localhost:5000/app/get, saveOne, localhost:5000/app",
    "POST, /v1.44/images/registry.example:5000/team/app:1.0/tag, tag,"
        + " registry.example:5000/team/app:1.0",
    "POST, /images/busybox/tag, tag, busybox",
    "DELETE, /v1.44/images/registry.example:5000/team/app:1.0, remove,"
        + " registry.example:5000/team/app:1.0",
    "DELETE, /images/sha256:0123abcd, remove, sha256:0123abcd",
    "DELETE, /images/team/app, remove, team/app",
  })
  void anImageNameWithSlashesAndColonsReachesItsRoute(
      String method, String path, String handler, String name) {
    Match match = only(method, path);

    assertThat(match.handler()).isEqualTo(handler);
    assertThat(match.variables()).containsEntry("name", name);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "GET, /images/json, list",
    "GET, /v1.44/images/json, list",
    "GET, /images/get, save",
    "GET, /v1.44/images/get, save",
    "POST, /v1.44/images/create, create",
    "POST, /images/load, load",
    "POST, /v1.44/images/load, load",
    "POST, /v1.44/images/prune, prune",
    "GET, /v1.44/system/df, diskUsage",
    "GET, /system/df, diskUsage",
    "GET, /v1.44/containers/json, list",
  })
  void aFixedImagePathIsNotTakenForAnImageName(String method, String path, String handler) {
    assertThat(only(method, path).handler()).isEqualTo(handler);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}({3})")
  @CsvSource({
    "GET, /containers/json, list, ",
    "GET, /v1.47/containers/json, list, ",
    "POST, /v1.47/containers/create, create, ",
    "GET, /v1.47/containers/web/json, inspect, web",
    "GET, /containers/0123abcd/json, inspect, 0123abcd",
    "POST, /v1.47/containers/web/start, start, web",
    "POST, /v1.47/containers/web/stop, stop, web",
    "POST, /v1.47/containers/web/kill, kill, web",
    "POST, /v1.47/containers/web/restart, restart, web",
    "POST, /v1.47/containers/web/pause, pause, web",
    "POST, /v1.47/containers/web/unpause, unpause, web",
    "POST, /v1.47/containers/web/rename, rename, web",
    "POST, /v1.47/containers/web/wait, wait, web",
    "POST, /v1.47/containers/web/exec, create, web",
    "POST, /v1.47/containers/web/resize, resize, web",
    "DELETE, /v1.47/containers/web, remove, web",
    "GET, /v1.47/containers/web/logs, logs, web",
    "GET, /v1.47/containers/web/top, top, web",
    "GET, /v1.47/containers/web/stats, stats, web",
    "GET, /v1.47/containers/web/archive, archive, web",
    "HEAD, /v1.47/containers/web/archive, archiveStat, web",
    "PUT, /v1.47/containers/web/archive, extract, web",
  })
  void eachContainerPathReachesOneRoute(String method, String path, String handler, String ref) {
    Match match = only(method, path);

    assertThat(match.handler()).isEqualTo(handler);
    if (ref != null) {
      assertThat(match.variables()).containsEntry("ref", ref);
    }
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "POST, /v1.47/exec/abc/start, execStart",
    "POST, /exec/abc/resize, execResize",
    "GET, /v1.47/exec/abc/json, execInspect",
  })
  void eachExecPathReachesOneRoute(String method, String path, String handler) {
    Match match = only(method, path);

    assertThat(match.handler()).isEqualTo(handler);
    assertThat(match.variables()).containsEntry("id", "abc");
  }

  @Test
  void aPathWithoutAnImageNameMatchesNoImageRoute() {
    assertThat(matches("GET", "/images//json")).isEmpty();
    assertThat(matches("DELETE", "/images/")).isEmpty();
    assertThat(matches("GET", "/images/busybox/unknown")).isEmpty();
  }

  private static Match only(String method, String path) {
    List<Match> found = matches(method, path);
    assertThat(found).as("routes matching %s %s", method, path).hasSize(1);
    return found.get(0);
  }

  private static List<Match> matches(String method, String path) {
    List<Match> found = new ArrayList<>();
    for (Route route : routes()) {
      if (!route.httpMethod().equals(method)) {
        continue;
      }
      Optional<UriMatchInfo> info = UriMatchTemplate.of(route.template()).match(path);
      info.ifPresent(i -> found.add(new Match(route.handler(), i.getVariableValues())));
    }
    return found;
  }

  private static List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (Class<?> controller : CONTROLLERS) {
      for (Method method : controller.getDeclaredMethods()) {
        Get get = method.getAnnotation(Get.class);
        Post post = method.getAnnotation(Post.class);
        Delete delete = method.getAnnotation(Delete.class);
        Put put = method.getAnnotation(Put.class);
        Head head = method.getAnnotation(Head.class);
        if (put != null) {
          add(routes, "PUT", put.uris(), method);
        }
        if (head != null) {
          add(routes, "HEAD", head.uris(), method);
        }
        if (get != null) {
          add(routes, "GET", get.uris(), method);
        }
        if (post != null) {
          add(routes, "POST", post.uris(), method);
        }
        if (delete != null) {
          add(routes, "DELETE", delete.uris(), method);
        }
      }
    }
    return routes;
  }

  private static void add(List<Route> routes, String httpMethod, String[] uris, Method method) {
    for (String uri : uris) {
      routes.add(new Route(httpMethod, uri, method.getName()));
    }
  }
}
