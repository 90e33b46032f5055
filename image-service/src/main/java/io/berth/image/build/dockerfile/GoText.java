package io.berth.image.build.dockerfile;

/** Small pieces of Go's text handling that Docker's messages and splitting rely on. */
final class GoText {

  private GoText() {}

  /**
   * @return {@code text} quoted as Go's {@code %q} (strconv.Quote) does for the usual characters
   */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            ch -> {
              switch (ch) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                  if (ch < 0x20 || ch == 0x7f) {
                    quoted.append(String.format("\\x%02x", ch));
                  } else {
                    quoted.appendCodePoint(ch);
                  }
                }
              }
            });
    return quoted.append('"').toString();
  }

  /**
   * @return whether Go's {@code unicode.IsSpace} holds for {@code ch}
   */
  static boolean isSpace(int ch) {
    switch (ch) {
      case '\t', '\n', 0x0b, '\f', '\r', ' ', 0x85, 0xa0:
        return true;
      default:
        if (ch < 0x100) {
          return false;
        }
        int type = Character.getType(ch);
        return type == Character.SPACE_SEPARATOR
            || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR;
    }
  }

  /**
   * @return {@code text} without Go-unicode spaces at both ends (Go's strings.TrimSpace)
   */
  static String trimSpace(String text) {
    return trimRight(trimLeft(text));
  }

  /**
   * @return {@code text} without leading Go-unicode spaces
   */
  static String trimLeft(String text) {
    int start = 0;
    while (start < text.length()) {
      int ch = text.codePointAt(start);
      if (!isSpace(ch)) {
        break;
      }
      start += Character.charCount(ch);
    }
    return text.substring(start);
  }

  /**
   * @return {@code text} without trailing Go-unicode spaces
   */
  static String trimRight(String text) {
    int end = text.length();
    while (end > 0) {
      int ch = text.codePointBefore(end);
      if (!isSpace(ch)) {
        break;
      }
      end -= Character.charCount(ch);
    }
    return text.substring(0, end);
  }
}
