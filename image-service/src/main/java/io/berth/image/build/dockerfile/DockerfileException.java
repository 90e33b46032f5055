package io.berth.image.build.dockerfile;

import io.berth.events.ErrorCode;
import io.berth.image.ImageException;

/**
 * A Dockerfile (or a {@code .dockerignore}, or a word in an instruction) that Docker's classic
 * builder would refuse. The message is worded as Docker words it, so that the CLI shows the same
 * sentence (for example {@code dockerfile parse error on line 7: unknown instruction: FOOO});
 * {@link #file()} and {@link #line()} say where.
 */
public class DockerfileException extends ImageException {

  private final String file;
  private final int line;

  /**
   * @param file the file at fault, such as {@code Dockerfile}; null while unknown (word expansion)
   * @param line its 1-based line, or 0 when the error concerns no one line
   * @param message Docker's wording of the error
   */
  public DockerfileException(String file, int line, String message) {
    super(ErrorCode.INVALID_ARGUMENT, message);
    this.file = file;
    this.line = line;
  }

  /**
   * @return the file at fault, or null when the error was raised outside of one (word expansion)
   */
  public String file() {
    return file;
  }

  /**
   * @return the 1-based line the error is about, or 0 when it concerns no one line
   */
  public int line() {
    return line;
  }

  /**
   * @param newFile the file the error belongs to
   * @param newLine its line, or 0 to keep this one
   * @return this error, placed in {@code newFile} at {@code newLine}
   */
  public DockerfileException at(String newFile, int newLine) {
    return new DockerfileException(newFile, newLine == 0 ? line : newLine, getMessage());
  }

  /**
   * @return the message prefixed with the file and line, {@code Dockerfile:7: ...}, for logs
   */
  public String located() {
    return (file == null ? "?" : file) + (line > 0 ? ":" + line : "") + ": " + getMessage();
  }
}
