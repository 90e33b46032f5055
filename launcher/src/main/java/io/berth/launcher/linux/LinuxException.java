package io.berth.launcher.linux;

/**
 * A system call that failed: the call, its arguments and the {@code errno} it set. {@link Linux} is
 * the only place that throws it.
 */
public final class LinuxException extends RuntimeException {

  private final String call;
  private final int errno;

  /**
   * @param call the C function, as named in C
   * @param arguments the arguments as a person reads them
   * @param errno the error number
   * @param description strerror(3) of {@code errno}
   */
  public LinuxException(String call, String arguments, int errno, String description) {
    super(call + "(" + arguments + ") failed: " + description + " (errno " + errno + ")");
    this.call = call;
    this.errno = errno;
  }

  /** The C function that failed. */
  public String call() {
    return call;
  }

  /** The error number, comparable with {@code Linux.E*}. */
  public int errno() {
    return errno;
  }
}
