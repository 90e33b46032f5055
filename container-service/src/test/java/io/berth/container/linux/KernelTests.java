package io.berth.container.linux;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What kernel tests need, and what they observe the kernel with. */
final class KernelTests {

  static final String BUSYBOX = "/bin/busybox";

  private KernelTests() {}

  /** Skips the calling test class, saying why, unless it runs as root on Linux with busybox. */
  static void assumeRootOnLinux() {
    String os = System.getProperty("os.name");
    assumeTrue(os.equals("Linux"), "kernel tests need Linux; this is " + os);
    String capEff = statusField("/proc/self/status", "CapEff");
    boolean sysAdmin =
        (Long.parseUnsignedLong(capEff, 16) & (1L << LinuxConstants.CAP_SYS_ADMIN)) != 0;
    assumeTrue(sysAdmin, "kernel tests need CAP_SYS_ADMIN (run as root); CapEff is " + capEff);
    assumeTrue(
        Files.isExecutable(Path.of(BUSYBOX)), "kernel tests run " + BUSYBOX + ", which is missing");
  }

  /**
   * Every {@code /proc/<dir>/ns} link, e.g. {@code net -> net:[4026531840]}, of a process or
   * thread.
   */
  static Map<String, String> namespaceLinks(String procDir) {
    Map<String, String> links = new TreeMap<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc", procDir, "ns"))) {
      for (Path entry : entries.toList()) {
        links.put(entry.getFileName().toString(), Files.readSymbolicLink(entry).toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return links;
  }

  /** The calling thread's namespace links (/proc/thread-self/ns). */
  static Map<String, String> threadNamespaces() {
    return namespaceLinks("thread-self");
  }

  /** One {@code Name:\tvalue} line of a /proc status file. */
  static String statusField(String statusFile, String name) {
    return lines(Path.of(statusFile)).stream()
        .filter(line -> line.startsWith(name + ":"))
        .map(line -> line.substring(name.length() + 1).strip())
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " missing from " + statusFile));
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String link(String path) {
    try {
      return Files.readSymbolicLink(Path.of(path)).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
