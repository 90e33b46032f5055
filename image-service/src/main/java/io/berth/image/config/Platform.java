package io.berth.image.config;

import java.util.Locale;
import java.util.Objects;

/**
 * The operating system and CPU an image is made for, spelled as Go's {@code GOOS}/{@code GOARCH}.
 *
 * @param os the operating system, like {@code linux}
 * @param architecture the CPU architecture, like {@code amd64} or {@code arm64}
 * @param variant the CPU variant, like {@code v8}, or null
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md">OCI image
 *     config: architecture, os, variant</a>
 */
public record Platform(String os, String architecture, String variant) {

  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    if (os.isBlank() || architecture.isBlank()) {
      throw new IllegalArgumentException("os and architecture must not be blank");
    }
    variant = variant == null || variant.isEmpty() ? null : variant;
  }

  /** Linux on this machine's CPU, with Java's {@code os.arch} named as Go names it. */
  public static Platform host() {
    return new Platform("linux", goArch(System.getProperty("os.arch")), null);
  }

  /** Go's {@code GOARCH} for a Java {@code os.arch}; unknown names are kept as they are. */
  static String goArch(String javaArch) {
    String arch = javaArch == null ? "" : javaArch.toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i486", "i586", "i686" -> "386";
      case "arm", "arm32" -> "arm";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> arch;
    };
  }
}
