package io.berth.layer.copy;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a regular file to be written into a layer. One instance per inode: two nodes that
 * share an instance are hard links to each other, and the layer holds the bytes once.
 */
interface Content {

  /** How many bytes there are. */
  long size();

  /** The bytes, from the start. */
  InputStream open() throws IOException;
}
