package io.berth.container.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code docker run -u} against the container's own {@code /etc/passwd} and {@code
 * /etc/group}, as Docker does: {@code uid}, {@code uid:gid}, {@code name}, {@code name:group}; a
 * numeric uid need not exist; a name must.
 */
public final class Users {

  /**
   * The identity a process runs as.
   *
   * @param uid the user id
   * @param gid the primary group id
   * @param groups the supplementary groups (from {@code /etc/group} membership)
   * @param home the home directory, {@code /} when unknown
   */
  public record Identity(int uid, int gid, int[] groups, String home) {}

  private Users() {}

  /**
   * Resolves {@code user} with the files under {@code etc} (the container's {@code /etc}).
   *
   * @throws IllegalArgumentException with Docker's wording when a name is unknown
   */
  public static Identity resolve(String user, Path etc) {
    List<String[]> passwd = read(etc.resolve("passwd"));
    List<String[]> groups = read(etc.resolve("group"));
    String userPart = user == null || user.isEmpty() ? "0" : user;
    String groupPart = null;
    int colon = userPart.indexOf(':');
    if (colon >= 0) {
      groupPart = userPart.substring(colon + 1);
      userPart = userPart.substring(0, colon);
    }
    int uid;
    int gid = 0;
    String name = null;
    String home = "/";
    String[] entry = find(passwd, userPart);
    if (entry != null) {
      name = entry[0];
      uid = parse(entry[2], -1);
      gid = parse(entry[3], 0);
      home = entry.length > 5 && !entry[5].isEmpty() ? entry[5] : "/";
    } else if (isNumber(userPart)) {
      uid = Integer.parseInt(userPart);
    } else {
      throw new IllegalArgumentException(
          "unable to find user " + userPart + ": no matching entries in passwd file");
    }
    if (groupPart != null && !groupPart.isEmpty()) {
      String[] group = find(groups, groupPart);
      if (group != null) {
        gid = parse(group[2], 0);
      } else if (isNumber(groupPart)) {
        gid = Integer.parseInt(groupPart);
      } else {
        throw new IllegalArgumentException(
            "unable to find group " + groupPart + ": no matching entries in group file");
      }
    }
    List<Integer> supplementary = new ArrayList<>();
    if (name != null) {
      for (String[] group : groups) {
        if (group.length > 3 && List.of(group[3].split(",")).contains(name)) {
          int id = parse(group[2], -1);
          if (id >= 0 && id != gid && !supplementary.contains(id)) {
            supplementary.add(id);
          }
        }
      }
    }
    return new Identity(
        uid, gid, supplementary.stream().mapToInt(Integer::intValue).toArray(), home);
  }

  private static String[] find(List<String[]> entries, String nameOrId) {
    for (String[] entry : entries) {
      if (entry[0].equals(nameOrId)) {
        return entry;
      }
    }
    if (isNumber(nameOrId)) {
      for (String[] entry : entries) {
        if (entry[2].equals(nameOrId)) {
          return entry;
        }
      }
    }
    return null;
  }

  private static List<String[]> read(Path file) {
    List<String[]> entries = new ArrayList<>();
    try {
      if (!Files.isRegularFile(file)) {
        return entries;
      }
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split(":", -1);
        if (fields.length >= 3) {
          entries.add(fields);
        }
      }
    } catch (IOException | RuntimeException e) {
      return entries;
    }
    return entries;
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
  }

  private static int parse(String s, int fallback) {
    return isNumber(s) ? Integer.parseInt(s) : fallback;
  }
}
