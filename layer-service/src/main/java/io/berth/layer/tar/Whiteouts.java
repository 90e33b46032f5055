package io.berth.layer.tar;

/**
 * Names of the two whiteout conventions that layers translate between: OCI's {@code .wh.} files
 * (OCI image spec, layer.md "Whiteouts") and overlayfs's 0/0 character devices and opaque xattr
 * (kernel Documentation/filesystems/overlayfs.rst, "whiteouts and opaque directories").
 */
final class Whiteouts {

  /** An OCI whiteout {@code .wh.<name>} deletes {@code <name>} of the layers below. */
  static final String PREFIX = ".wh.";

  /** The OCI opaque marker: the directory holding it hides the contents of the layers below. */
  static final String OPAQUE_MARKER = ".wh..wh..opq";

  /** Names starting so are AUFS bookkeeping (e.g. {@code .wh..wh.plnk}), not whiteouts. */
  static final String META_PREFIX = ".wh..wh.";

  /** overlayfs marks an opaque directory with this xattr set to {@code y}. */
  static final String OVERLAY_OPAQUE_XATTR = "trusted.overlay.opaque";

  /** overlayfs keeps its own bookkeeping under this xattr namespace; it never goes into a tar. */
  static final String OVERLAY_XATTR_PREFIX = "trusted.overlay.";

  static final byte[] OPAQUE_VALUE = {'y'};

  private Whiteouts() {}
}
