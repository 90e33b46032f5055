package io.berth.container.stream;

/**
 * Why an attach or exec start cannot be served, with the HTTP status the gateway answers the Docker
 * client with (404 no such container, 409 not running, 501 not supported...).
 */
public class StreamRefusedException extends Exception {

  private final int status;

  /**
   * @param status the HTTP status for the Docker client, 400 to 599
   * @param message the error message, Docker's wording where there is one
   */
  public StreamRefusedException(int status, String message) {
    super(message);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("not an error status: " + status);
    }
    this.status = status;
  }

  /** The HTTP status the gateway answers with. */
  public int status() {
    return status;
  }
}
