package io.berth.image.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed Dockerfile: its escape character, the ARGs before the first FROM, and its stages.
 * Parsing follows Docker's classic builder (buildkit's {@code frontend/dockerfile/parser} and
 * {@code instructions} packages, which moby's builder uses): the same lines become the same
 * instructions, and a Dockerfile Docker refuses is refused here with Docker's message.
 */
public final class Dockerfile {

  private final char escape;
  private final List<Instruction> metaArgs;
  private final List<Stage> stages;

  private Dockerfile(char escape, List<Instruction> metaArgs, List<Stage> stages) {
    this.escape = escape;
    this.metaArgs = List.copyOf(metaArgs);
    this.stages = List.copyOf(stages);
  }

  /**
   * Parses a Dockerfile.
   *
   * @param fileName the file's name in the build context ({@code Dockerfile}), for messages
   * @param text its content
   * @return the parsed Dockerfile, with at least one stage
   * @throws DockerfileException naming the file and line, worded as Docker's: line-level errors
   *     prefixed {@code failed to parse <fileName>: } ({@code failed to parse Dockerfile: ENV must
   *     have two arguments}), instruction-level errors prefixed {@code dockerfile parse error on
   *     line N: }, {@code no build stage in current context} as is
   */
  public static Dockerfile parse(String fileName, String text) {
    if (text.isEmpty()) {
      throw new DockerfileException(
          fileName, 1, "the Dockerfile (" + fileName + ") cannot be empty");
    }
    // moby wraps the errors of buildkit's line parser as "failed to parse <name>: ..."
    String parseFailure = "failed to parse " + fileName + ": ";
    LineReader.Result read;
    try {
      read = LineReader.read(fileName, text);
    } catch (DockerfileException e) {
      throw new DockerfileException(fileName, e.line(), parseFailure + e.getMessage());
    }
    if (read.lines().isEmpty()) {
      throw new DockerfileException(
          fileName, (int) text.lines().count(), parseFailure + "file with no instructions");
    }
    Syntax syntax = new Syntax(read.escape());
    List<Syntax.Node> nodes = new ArrayList<>();
    for (LineReader.LogicalLine line : read.lines()) {
      try {
        nodes.add(syntax.parse(line.text()));
      } catch (IllegalArgumentException e) {
        throw new DockerfileException(fileName, line.startLine(), parseFailure + e.getMessage());
      }
    }
    List<Instruction> metaArgs = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    List<Instruction> body = new ArrayList<>();
    Instruction from = null;
    String name = null;
    for (int i = 0; i < nodes.size(); i++) {
      int line = read.lines().get(i).startLine();
      Instruction instruction;
      try {
        instruction = Rules.check(nodes.get(i), line);
      } catch (IllegalArgumentException e) {
        throw new DockerfileException(
            fileName, line, "dockerfile parse error on line " + line + ": " + e.getMessage());
      }
      if (instruction.keyword().equals("FROM")) {
        if (from != null) {
          stages.add(new Stage(stages.size(), name, from, body));
        }
        from = instruction;
        name = Rules.stageName(instruction.args());
        body = new ArrayList<>();
      } else if (from != null) {
        body.add(instruction);
      } else if (instruction.keyword().equals("ARG")) {
        metaArgs.add(instruction);
      } else {
        throw new DockerfileException(fileName, line, "no build stage in current context");
      }
    }
    if (from == null) {
      // Docker's classic builder runs the ARGs, then finds it built nothing.
      throw new DockerfileException(
          fileName,
          metaArgs.get(metaArgs.size() - 1).line(),
          "No image was generated. Is your Dockerfile empty?");
    }
    stages.add(new Stage(stages.size(), name, from, body));
    return new Dockerfile(read.escape(), metaArgs, stages);
  }

  /**
   * @return the escape character chosen by the {@code # escape=} directive, {@code \} by default
   */
  public char escape() {
    return escape;
  }

  /**
   * @return a word processor with this file's escape character
   */
  public Words words() {
    return new Words(escape);
  }

  /**
   * @return the ARG instructions before the first FROM, whose values FROM lines can use
   */
  public List<Instruction> metaArgs() {
    return metaArgs;
  }

  /**
   * @return the stages in order; never empty
   */
  public List<Stage> stages() {
    return stages;
  }

  /**
   * Finds a stage as {@code COPY --from=} does: by name, ignoring case, else by 0-based index.
   * (Docker's {@code --target} accepts names only, and {@code --from} only earlier stages: the
   * caller checks those.)
   *
   * @param nameOrIndex a stage name or a decimal index
   * @return the first stage so named, or the stage at that index, or empty
   */
  public Optional<Stage> stage(String nameOrIndex) {
    for (Stage stage : stages) {
      if (stage.name() != null && stage.name().equalsIgnoreCase(nameOrIndex)) {
        return Optional.of(stage);
      }
    }
    try {
      int index = Integer.parseInt(nameOrIndex);
      return index >= 0 && index < stages.size()
          ? Optional.of(stages.get(index))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
