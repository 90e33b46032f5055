package io.berth.layer.fs;

import java.io.IOException;

/** A libc call that failed, naming the call, the path it was given and the {@code errno}. */
public final class PosixException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String call;
  private final String path;
  private final int errno;

  PosixException(String call, String path, int errno, String reason) {
    super(call + "(" + path + ") failed: " + reason + " (errno " + errno + ")");
    this.call = call;
    this.path = path;
    this.errno = errno;
  }

  /** The libc function that failed, e.g. {@code mknod}. */
  public String call() {
    return call;
  }

  /** The path (or other main argument) the call was given. */
  public String path() {
    return path;
  }

  /** The {@code errno} value the call left, see {@code errno(3)}. */
  public int errno() {
    return errno;
  }
}
