package io.berth.container.stream;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The stream server's answer line: {@code {"ok":true,"tty":false}} or {@code
 * {"ok":false,"status":404,"message":"No such container: abc"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StreamReply(boolean ok, Boolean tty, Integer status, String message) {

  static StreamReply accepted(boolean tty) {
    return new StreamReply(true, tty, null, null);
  }

  static StreamReply refused(int status, String message) {
    return new StreamReply(false, null, status, message);
  }
}
