package io.berth.container.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code docker cp} learns of a path before copying it, moby's {@code
 * types.ContainerPathStat}, sent base64-encoded in the {@code X-Docker-Container-Path-Stat} header
 * of {@code HEAD} and {@code GET /containers/{id}/archive}.
 *
 * @param name the last component of the requested path ({@code /} for the root)
 * @param size the size {@code lstat(2)} reports
 * @param mode Go's {@code os.FileMode} bits, directories with {@code 1 << 31}, links with {@code 1
 *     << 27}
 * @param mtime the modification time
 * @param linkTarget for a symbolic link, the absolute container path it resolves to in the
 *     container's scope; empty otherwise
 */
public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {

  /** The header that carries a path's stat, {@code X-Docker-Container-Path-Stat}. */
  public static final String HEADER = "X-Docker-Container-Path-Stat";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Checks the fields. */
  public PathStat {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mtime, "mtime");
    Objects.requireNonNull(linkTarget, "linkTarget");
    if (size < 0 || mode < 0 || mode > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("bad stat: size " + size + ", mode " + mode);
    }
  }

  /** Whether this is a directory ({@code ModeDir}). */
  public boolean isDirectory() {
    return (mode & GoFileMode.MODE_DIR) != 0;
  }

  /** Whether this is a symbolic link ({@code ModeSymlink}). */
  public boolean isSymlink() {
    return (mode & GoFileMode.MODE_SYMLINK) != 0;
  }

  /**
   * The JSON Docker sends: {@code {"name","size","mode","mtime","linkTarget"}}, {@code mtime} in
   * Go's RFC 3339 form with trailing zeros of the fraction dropped.
   */
  public String toJson() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", name);
    fields.put("size", size);
    fields.put("mode", mode);
    fields.put("mtime", rfc3339Nano(mtime));
    fields.put("linkTarget", linkTarget);
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a path stat as JSON", e);
    }
  }

  /** The value of {@link #HEADER}: the JSON, base64 with padding (Go's {@code StdEncoding}). */
  public String toHeaderValue() {
    return Base64.getEncoder().encodeToString(toJson().getBytes(StandardCharsets.UTF_8));
  }

  /** Formats as Go's {@code time.RFC3339Nano} in UTC: {@code 2024-05-01T10:00:00.5Z}. */
  static String rfc3339Nano(Instant time) {
    StringBuilder text = new StringBuilder(SECONDS.format(time));
    int nanos = time.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
      text.append('.').append(fraction);
    }
    return text.append('Z').toString();
  }
}
