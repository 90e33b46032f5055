package io.berth.events.schema;

import java.io.IOException;

/**
 * Regenerates everything derived from the catalogue: the JSON Schemas and docs/events.md. Run it
 * with {@code mvn -B -q -pl event-schemas compile exec:java@generate} from the repository root.
 */
public final class Generate {

  private Generate() {}

  /**
   * Rewrites the schemas and the document.
   *
   * @param args optionally the module folder; the working directory by default
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    JsonSchemaGenerator.main(args);
    EventsDocGenerator.main(args);
  }
}
