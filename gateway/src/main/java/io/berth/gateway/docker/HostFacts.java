package io.berth.gateway.docker;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Facts about the host that {@code /info} and {@code /version} report, read once at start-up.
 *
 * @param kernelVersion from {@code /proc/sys/kernel/osrelease}
 * @param operatingSystem {@code PRETTY_NAME} from {@code /etc/os-release}
 * @param osVersion {@code VERSION_ID} from {@code /etc/os-release}
 * @param architecture as Docker names it ({@code x86_64}, {@code aarch64})
 * @param goArch as Go names it ({@code amd64}, {@code arm64}), for {@code /version}
 * @param cpus processors available
 * @param memTotal bytes of memory, from {@code /proc/meminfo}
 * @param hostname the host name
 * @param cgroupVersion {@code 2} when a unified hierarchy is mounted, else {@code 1}
 */
public record HostFacts(
    String kernelVersion,
    String operatingSystem,
    String osVersion,
    String architecture,
    String goArch,
    int cpus,
    long memTotal,
    String hostname,
    String cgroupVersion) {

  /** Reads the facts of this machine. */
  public static HostFacts read() {
    String arch = System.getProperty("os.arch", "amd64");
    boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
    boolean arm = arch.equals("aarch64") || arch.equals("arm64");
    return new HostFacts(
        firstLine(Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version")),
        osRelease("PRETTY_NAME", "Linux"),
        osRelease("VERSION_ID", ""),
        x86 ? "x86_64" : arm ? "aarch64" : arch,
        x86 ? "amd64" : arm ? "arm64" : arch,
        Runtime.getRuntime().availableProcessors(),
        readMemTotal(),
        readHostname(),
        Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1");
  }

  private static String firstLine(Path file, String fallback) {
    try {
      return Files.readAllLines(file).get(0).trim();
    } catch (IOException | IndexOutOfBoundsException e) {
      return fallback;
    }
  }

  private static String osRelease(String key, String fallback) {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith(key + "=")) {
          return line.substring(key.length() + 1).replace("\"", "");
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return fallback;
  }

  private static long readMemTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          String kb = line.replaceAll("[^0-9]", "");
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return Runtime.getRuntime().maxMemory();
  }

  private static String readHostname() {
    String fromFile = firstLine(Path.of("/etc/hostname"), "");
    if (!fromFile.isEmpty()) {
      return fromFile;
    }
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return "localhost";
    }
  }
}
