package io.berth.events;

import java.util.Objects;

/**
 * The failure answer to a {@link Query}.
 *
 * @param subject the id the query was about
 * @param queryType the CloudEvents type of the query
 * @param code the error category
 * @param message a sentence a person can act on
 */
public record QueryFailed(String subject, String queryType, ErrorCode code, String message)
    implements Reply {
  public QueryFailed {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(queryType, "queryType");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
