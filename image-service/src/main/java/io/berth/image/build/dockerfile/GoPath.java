package io.berth.image.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** Go's {@code path/filepath.Clean} and {@code Dir} for slash-separated paths. */
final class GoPath {

  private GoPath() {}

  /**
   * @return the shortest equivalent path: no repeated or trailing slashes, no {@code .}, each
   *     {@code ..} removed with the element before it (or kept at the start of a relative path);
   *     {@code .} for an empty result
   */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.startsWith("/");
    List<String> kept = new ArrayList<>();
    for (String element : path.split("/")) {
      if (element.isEmpty() || element.equals(".")) {
        continue;
      }
      if (element.equals("..")) {
        if (!kept.isEmpty() && !kept.get(kept.size() - 1).equals("..")) {
          kept.remove(kept.size() - 1);
        } else if (!rooted) {
          kept.add("..");
        }
        continue;
      }
      kept.add(element);
    }
    String joined = String.join("/", kept);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /**
   * @return everything but the last element, cleaned; {@code .} for a single element
   */
  static String dir(String path) {
    int slash = path.lastIndexOf('/');
    return clean(slash < 0 ? "" : path.substring(0, slash + 1));
  }
}
