package io.berth.gateway.content;

import java.io.IOException;
import java.io.InputStream;

/**
 * A blob being read from the content store; close it to release the connection.
 *
 * @param content the bytes, streamed
 * @param length the length in bytes the store announced, or -1 when it did not
 */
public record Blob(InputStream content, long length) implements AutoCloseable {

  @Override
  public void close() throws IOException {
    content.close();
  }
}
