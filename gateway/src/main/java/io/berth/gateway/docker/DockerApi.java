package io.berth.gateway.docker;

/** The Docker Engine API versions and names Berth announces. */
public final class DockerApi {

  /** The API version Berth speaks; clients use min(this, their own). */
  public static final String VERSION = "1.44";

  /** The oldest API version accepted in a versioned path (docker-java falls back to 1.32). */
  public static final String MIN_VERSION = "1.32";

  /** Berth's own version. */
  public static final String BERTH_VERSION = "0.1.0";

  /** The {@code Server} header value. */
  public static final String SERVER = "Berth/" + BERTH_VERSION;

  private DockerApi() {}

  /** Compares two {@code major.minor} API versions. */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
    return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
  }
}
