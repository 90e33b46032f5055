package io.berth.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Reading the end of (possibly large, possibly growing) log files. */
public final class LogFiles {

  private static final int CHUNK = 64 * 1024;

  private LogFiles() {}

  /** The last {@code n} complete or partial lines of the file; empty when it does not exist. */
  public static List<String> lastLines(Path file, int n) {
    return lastLines(file, 0, n);
  }

  /**
   * The last {@code n} lines of the file that start at or after byte {@code fromOffset}; empty when
   * the file does not exist.
   */
  public static List<String> lastLines(Path file, long fromOffset, int n) {
    if (n <= 0 || !Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long end = raf.length();
      long start = Math.max(fromOffset, 0);
      if (end <= start) {
        return List.of();
      }
      // Read backwards in chunks until enough newlines are seen or the start offset is reached.
      long pos = end;
      byte[] collected = new byte[0];
      int newlines = 0;
      while (pos > start && newlines <= n) {
        int len = (int) Math.min(CHUNK, pos - start);
        pos -= len;
        byte[] chunk = new byte[len];
        raf.seek(pos);
        raf.readFully(chunk);
        for (byte b : chunk) {
          if (b == '\n') {
            newlines++;
          }
        }
        byte[] joined = new byte[chunk.length + collected.length];
        System.arraycopy(chunk, 0, joined, 0, chunk.length);
        System.arraycopy(collected, 0, joined, chunk.length, collected.length);
        collected = joined;
      }
      String text = new String(collected, StandardCharsets.UTF_8);
      String[] lines = text.split("\r?\n", -1);
      Deque<String> last = new ArrayDeque<>();
      // The first element may be a partial line when we did not read from the start offset.
      int first = pos > start ? 1 : 0;
      int stop = lines.length;
      if (stop > 0 && lines[stop - 1].isEmpty()) {
        stop--; // text ended with a newline
      }
      for (int i = Math.max(first, stop - n); i < stop; i++) {
        last.add(lines[i]);
      }
      return new ArrayList<>(last);
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }
}
