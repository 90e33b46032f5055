package io.berth.container.linux;

import io.berth.container.ContainerException;
import io.berth.events.ErrorCode;

/**
 * A system call that failed: which call, with which arguments, and the {@code errno} it set (or,
 * for the posix_spawn(3) family, returned). {@link Linux} is the only place that throws it.
 */
public final class LinuxException extends ContainerException {

  private final String call;
  private final String arguments;
  private final int errno;

  /**
   * @param call the C function, as named in C ({@code setns})
   * @param arguments the arguments as a person reads them ({@code fd=-1, nstype=CLONE_NEWPID})
   * @param errno the error number
   * @param description strerror(3) of {@code errno}
   */
  public LinuxException(String call, String arguments, int errno, String description) {
    super(
        ErrorCode.INTERNAL,
        call + "(" + arguments + ") failed: " + description + " (errno " + errno + ")");
    this.call = call;
    this.arguments = arguments;
    this.errno = errno;
  }

  /** The C function that failed, named as in C. */
  public String call() {
    return call;
  }

  /** The arguments it was given, formatted for a person. */
  public String arguments() {
    return arguments;
  }

  /** The error number, comparable with {@code LinuxConstants.E*}. */
  public int errno() {
    return errno;
  }
}
