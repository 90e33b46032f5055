package io.berth.gateway.docker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Docker Engine API versions and names Berth announces. */
public final class DockerApi {

  /** The API version Berth speaks; clients use min(this, their own). */
  public static final String VERSION = "1.44";

  /** The oldest API version accepted in a versioned path (docker-java falls back to 1.32). */
  public static final String MIN_VERSION = "1.32";

  /** Berth's own version. */
  public static final String BERTH_VERSION = "0.1.0";

  /**
   * The Docker Engine release that speaks API {@link #VERSION}, reported as the server version:
   * clients compare it with Docker's releases (Testcontainers refuses one below 1.6.0).
   */
  public static final String ENGINE_VERSION = "25.0.0";

  /** The {@code Server} header value. */
  public static final String SERVER = "Berth/" + BERTH_VERSION;

  /** The storage driver name {@code /info} and {@code docker image inspect} report. */
  public static final String STORAGE_DRIVER = "overlay";

  private static final Pattern VERSIONED_PATH = Pattern.compile("^/v(\\d+\\.\\d+)(/.*)?$");

  private DockerApi() {}

  /**
   * The API version a request speaks: the one in its path ({@code /v1.41/images/json}), or Berth's
   * own for an unversioned path, as the Engine API treats it.
   */
  static String versionOf(String path) {
    Matcher versioned = VERSIONED_PATH.matcher(path);
    return versioned.matches() ? versioned.group(1) : VERSION;
  }

  /** Whether {@code version} is older than {@code other}. */
  static boolean before(String version, String other) {
    return compare(version, other) < 0;
  }

  /** Compares two {@code major.minor} API versions. */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
    return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
  }
}
