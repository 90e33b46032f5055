package io.berth.layer.tar;

import java.io.IOException;
import java.io.InputStream;

/** Tells whether an uncompressed stream is a tar archive, by its first 512-byte header block. */
public final class TarFormat {

  private TarFormat() {}

  /**
   * Whether a header block is a tar header: the POSIX {@code ustar\0} or GNU {@code ustar } magic
   * at offset 257, or an all-zero block (the end marker, so an empty archive).
   *
   * @param block the first bytes of the stream
   * @param length how many bytes of {@code block} are valid
   * @return true if the stream is a tar archive
   */
  public static boolean isTar(byte[] block, int length) {
    if (length < TarReader.BLOCK) {
      return false;
    }
    boolean ustar =
        block[257] == 'u'
            && block[258] == 's'
            && block[259] == 't'
            && block[260] == 'a'
            && block[261] == 'r'
            && (block[262] == 0 || block[262] == ' ');
    if (ustar) {
      return true;
    }
    for (int i = 0; i < TarReader.BLOCK; i++) {
      if (block[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Peeks at the first block of a stream without consuming it.
   *
   * @param in an uncompressed stream that {@linkplain InputStream#markSupported() supports mark}
   * @return true if it is a tar archive
   * @throws IOException if the stream cannot be read
   */
  public static boolean isTar(InputStream in) throws IOException {
    if (!in.markSupported()) {
      throw new IllegalArgumentException("isTar needs a stream that supports mark/reset");
    }
    in.mark(TarReader.BLOCK);
    byte[] block = in.readNBytes(TarReader.BLOCK);
    in.reset();
    return isTar(block, block.length);
  }
}
