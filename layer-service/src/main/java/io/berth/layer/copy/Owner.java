package io.berth.layer.copy;

import io.berth.events.ErrorCode;
import io.berth.layer.LayerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The owner a copy gives its files: {@code --chown=user[:group]} resolved as Docker's classic
 * builder resolves it ({@code parseChownFlag} in moby builder/dockerfile/internals_linux.go):
 * numbers as they are, names looked up in the parent image's {@code /etc/passwd} and {@code
 * /etc/group} (links followed inside the image), a lone user standing for the group as well.
 *
 * @param uid the numeric owner
 * @param gid the numeric group
 */
record Owner(int uid, int gid) {

  /** Docker resets the files of a build context to root. */
  static final Owner ROOT = new Owner(0, 0);

  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,10}");
  private static final long MAX_ID = 0xFFFFFFFEL;
  private static final int MAX_FILE = 16 << 20;

  /**
   * Resolves a {@code --chown} value.
   *
   * @param chown {@code user}, {@code user:group}, names or numbers
   * @param image the parent image's file system
   * @throws LayerException {@code INVALID_ARGUMENT} for a malformed value or an unknown name
   */
  static Owner resolve(String chown, FileTree image) throws IOException {
    String[] parts = chown.split(":", -1);
    if (parts.length > 2) {
      throw invalid("invalid chown string format: " + chown);
    }
    String user = parts[0];
    String group = parts.length == 1 ? parts[0] : parts[1];
    int uid = id(user, "uid for user", "/etc/passwd", 2, image);
    int gid = id(group, "gid for group", "/etc/group", 2, image);
    return new Owner(uid, gid);
  }

  private static int id(String name, String what, String file, int field, FileTree image)
      throws IOException {
    if (NUMBER.matcher(name).matches() && Long.parseLong(name) <= MAX_ID) {
      return (int) Long.parseLong(name);
    }
    String noun = file.equals("/etc/passwd") ? "user" : "group";
    String text = read(image, file);
    if (text == null) {
      throw invalid(
          "can't find " + what + " " + name + ": open " + file + ": no such file or directory");
    }
    // runc's ParsePasswdFileFilter and ParseGroupFileFilter: trimmed lines, ':' separated fields,
    // the first line with the name wins, an unreadable number is 0.
    for (String line : text.split("\n")) {
      String[] fields = line.trim().split(":", -1);
      if (fields.length > 0 && fields[0].equals(name) && !line.isBlank()) {
        return fields.length > field ? number(fields[field]) : 0;
      }
    }
    throw invalid("can't find " + what + " " + name + ": no such " + noun + ": " + name);
  }

  private static int number(String field) {
    String trimmed = field.trim();
    return NUMBER.matcher(trimmed).matches() && Long.parseLong(trimmed) <= MAX_ID
        ? (int) Long.parseLong(trimmed)
        : 0;
  }

  /** A file of the image as text, its links followed inside the image; null if it is none. */
  private static String read(FileTree image, String file) throws IOException {
    Node node = image.lookup(ScopedPath.resolve(image, "", file));
    if (node == null || node.kind != Node.Kind.FILE) {
      return null;
    }
    if (node.content.size() > MAX_FILE) {
      throw invalid(file + " of the image is larger than " + MAX_FILE + " bytes");
    }
    try (InputStream in = node.content.open()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static LayerException invalid(String message) {
    return new LayerException(ErrorCode.INVALID_ARGUMENT, message);
  }
}
