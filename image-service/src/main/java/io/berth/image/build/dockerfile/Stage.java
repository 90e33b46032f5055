package io.berth.image.build.dockerfile;

import java.util.List;

/**
 * One build stage: its {@code FROM} and the instructions up to the next one.
 *
 * @param index the stage's 0-based position, usable as {@code --from=<index>}
 * @param name the lower-cased name after {@code AS}, or null when the stage has none
 * @param from the {@code FROM} instruction
 * @param body the instructions after it, in order
 */
public record Stage(int index, String name, Instruction from, List<Instruction> body) {

  public Stage {
    body = List.copyOf(body);
  }

  /**
   * @return the base: the image reference (or earlier stage name) as written, not yet expanded
   */
  public String baseName() {
    return from.args().get(0);
  }

  /**
   * @return the {@code --platform} flag as written, or null
   */
  public String platform() {
    return from.flags().get("platform");
  }
}
