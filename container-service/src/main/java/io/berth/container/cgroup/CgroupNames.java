package io.berth.container.cgroup;

import java.util.regex.Pattern;

/** Checks the names that become cgroup directories, so no id or parent can escape its hierarchy. */
final class CgroupNames {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private CgroupNames() {}

  /** A container's cgroup name: one path segment. */
  static String requireId(String id) {
    if (id == null || !SEGMENT.matcher(id).matches()) {
      throw CgroupException.invalid(
          "cgroup id must be one name of letters, digits, '_', '.' or '-', not \"" + id + "\"");
    }
    return id;
  }

  /** The parent all containers' cgroups live under: one or more segments joined by '/'. */
  static String requireParent(String parent) {
    if (parent == null || parent.isEmpty()) {
      throw CgroupException.invalid("cgroup parent must not be empty");
    }
    for (String segment : parent.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw CgroupException.invalid(
            "cgroup parent must be relative names of letters, digits, '_', '.' or '-' joined by"
                + " '/', not \""
                + parent
                + "\"");
      }
    }
    return parent;
  }
}
