package io.berth.layer.tar;

/**
 * Limits and choices of one {@link LayerUnpacker}.
 *
 * @param allowDevices whether character and block device entries are created; if false they are
 *     refused (overlay whiteouts, which are 0/0 character devices made from {@code .wh.} entries,
 *     are always created)
 * @param preserveOwners whether numeric owners from the headers are set with {@code lchown} (needs
 *     root); if false files belong to the extracting user
 * @param maxEntryBytes the largest content one entry may have
 * @param maxUncompressedBytes the most bytes the uncompressed tar stream may have, headers included
 * @param maxCompressionRatio the most uncompressed bytes per compressed byte, checked once more
 *     than {@link #RATIO_FLOOR} bytes came out; 0 for no ratio limit
 */
public record UnpackOptions(
    boolean allowDevices,
    boolean preserveOwners,
    long maxEntryBytes,
    long maxUncompressedBytes,
    long maxCompressionRatio) {

  /** Below this many uncompressed bytes the ratio is not checked (small tars are mostly zeros). */
  public static final long RATIO_FLOOR = 1 << 20;

  public UnpackOptions {
    if (maxEntryBytes < 0 || maxUncompressedBytes < 0 || maxCompressionRatio < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
  }

  /**
   * Devices allowed, owners preserved, entries up to 64 GiB, streams up to 256 GiB, no ratio limit
   * (a layer holding a big file of zeros legitimately compresses more than 1000:1).
   *
   * @return the defaults
   */
  public static UnpackOptions defaults() {
    return new UnpackOptions(true, true, 64L << 30, 256L << 30, 0);
  }

  /** A copy with {@link #allowDevices()} changed. */
  public UnpackOptions withAllowDevices(boolean allow) {
    return new UnpackOptions(
        allow, preserveOwners, maxEntryBytes, maxUncompressedBytes, maxCompressionRatio);
  }

  /** A copy with {@link #preserveOwners()} changed. */
  public UnpackOptions withPreserveOwners(boolean preserve) {
    return new UnpackOptions(
        allowDevices, preserve, maxEntryBytes, maxUncompressedBytes, maxCompressionRatio);
  }

  /** A copy with {@link #maxEntryBytes()} changed. */
  public UnpackOptions withMaxEntryBytes(long max) {
    return new UnpackOptions(
        allowDevices, preserveOwners, max, maxUncompressedBytes, maxCompressionRatio);
  }

  /** A copy with {@link #maxUncompressedBytes()} changed. */
  public UnpackOptions withMaxUncompressedBytes(long max) {
    return new UnpackOptions(allowDevices, preserveOwners, maxEntryBytes, max, maxCompressionRatio);
  }

  /** A copy with {@link #maxCompressionRatio()} changed. */
  public UnpackOptions withMaxCompressionRatio(long max) {
    return new UnpackOptions(
        allowDevices, preserveOwners, maxEntryBytes, maxUncompressedBytes, max);
  }
}
