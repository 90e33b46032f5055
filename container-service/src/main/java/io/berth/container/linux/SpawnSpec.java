package io.berth.container.linux;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link NamespacedSpawner} starts: a command, its environment, the namespaces it gets new,
 * the hostname of its new UTS namespace, and where its output goes (stdin is always /dev/null).
 *
 * @param argv the program and its arguments; a program without a slash is looked up in the JVM's
 *     {@code PATH}, as posix_spawnp(3) does
 * @param env the child's whole environment, {@code NAME=value} entries
 * @param hostname the hostname to set in the new UTS namespace, or null to keep the host's copy
 * @param namespaces the namespaces the child gets new ones of
 * @param stdout the file its standard output replaces, or null for /dev/null
 * @param stderr the file its standard error replaces (may equal {@code stdout}), or null
 */
public record SpawnSpec(
    List<String> argv,
    List<String> env,
    String hostname,
    Set<Namespace> namespaces,
    Path stdout,
    Path stderr) {

  /** Docker's default environment for an image that sets none. */
  public static final List<String> DEFAULT_ENV =
      List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");

  public SpawnSpec {
    argv = List.copyOf(argv);
    env = List.copyOf(env);
    namespaces = Collections.unmodifiableSet(enumSet(namespaces));
    if (argv.isEmpty() || argv.get(0).isEmpty()) {
      throw new IllegalArgumentException("no program to run");
    }
    for (String entry : env) {
      if (entry.indexOf('=') <= 0) {
        throw new IllegalArgumentException("environment entry is not NAME=value: " + entry);
      }
    }
    if (hostname != null) {
      checkHostname(hostname, namespaces);
    }
  }

  /** {@code argv} in all six namespaces, with Docker's default environment and no output. */
  public static SpawnSpec of(String... argv) {
    return new SpawnSpec(
        List.of(argv), DEFAULT_ENV, null, EnumSet.allOf(Namespace.class), null, null);
  }

  /** This command with {@code hostname} set in its new UTS namespace. */
  public SpawnSpec withHostname(String hostname) {
    return new SpawnSpec(argv, env, hostname, namespaces, stdout, stderr);
  }

  /** This command with only {@code namespaces} new. */
  public SpawnSpec withNamespaces(Collection<Namespace> namespaces) {
    return new SpawnSpec(argv, env, hostname, enumSet(namespaces), stdout, stderr);
  }

  /** This command with standard output and error sent to files (created or truncated). */
  public SpawnSpec withOutput(Path stdout, Path stderr) {
    return new SpawnSpec(argv, env, hostname, namespaces, stdout, stderr);
  }

  private static void checkHostname(String hostname, Set<Namespace> namespaces) {
    if (!namespaces.contains(Namespace.UTS)) {
      // Without a UTS namespace of its own, sethostname(2) would rename the host.
      throw new IllegalArgumentException("a hostname needs a new UTS namespace: " + hostname);
    }
    int length = hostname.getBytes(StandardCharsets.UTF_8).length;
    if (length == 0 || length > LinuxConstants.HOST_NAME_MAX) {
      throw new IllegalArgumentException("hostname must be 1 to 64 bytes: " + hostname);
    }
    if (!hostname.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      throw new IllegalArgumentException("hostname must be printable ASCII: " + hostname);
    }
  }

  private static EnumSet<Namespace> enumSet(Collection<Namespace> namespaces) {
    EnumSet<Namespace> set = EnumSet.noneOf(Namespace.class);
    set.addAll(namespaces);
    return set;
  }
}
