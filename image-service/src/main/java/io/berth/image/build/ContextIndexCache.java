package io.berth.image.build;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The indexes of the last few build contexts, by the context blob's digest and the Dockerfile's
 * name: a context is content-addressed, so the same digest is the same tar, and a rebuild of an
 * unchanged context (what {@code docker build} does on every edit of something else, and what the
 * cache is for) need not fetch and hash it again. Only small indexes are kept.
 */
final class ContextIndexCache {

  /** Contexts kept. */
  static final int CAPACITY = 8;

  /** Entries of the largest index kept (about 200 bytes each). */
  static final int MAX_ENTRIES = 20_000;

  /** Reads a context when it is not kept. */
  interface Reader {
    ContextIndex read() throws IOException;
  }

  private final Map<String, ContextIndex> kept =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ContextIndex> eldest) {
          return size() > CAPACITY;
        }
      };

  /** The index of a context, read with {@code reader} unless it is kept. */
  ContextIndex get(String contextDigest, String dockerfile, Reader reader) throws IOException {
    String key = contextDigest + "\n" + dockerfile;
    synchronized (kept) {
      ContextIndex index = kept.get(key);
      if (index != null) {
        return index;
      }
    }
    ContextIndex index = reader.read();
    if (index.size() <= MAX_ENTRIES) {
      synchronized (kept) {
        kept.put(key, index);
      }
    }
    return index;
  }
}
