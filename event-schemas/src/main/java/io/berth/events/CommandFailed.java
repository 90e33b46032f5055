package io.berth.events;

import java.util.Objects;

/**
 * The failure outcome of any command, published on the events topic of the command's noun.
 *
 * @param subject the id the failed command was about
 * @param commandType the CloudEvents type of the failed command
 * @param code the error category
 * @param message a sentence a person can act on, worded as Docker words it where Docker has a word
 *     for it
 */
public record CommandFailed(String subject, String commandType, ErrorCode code, String message)
    implements Event {
  public CommandFailed {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(commandType, "commandType");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
