package io.berth.image.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Whole Dockerfiles: stages, meta ARGs, the text Docker prints for each step, and the errors Docker
 * gives (moby/buildkit frontend/dockerfile/instructions/parse.go for the instruction-level ones).
 */
class DockerfileTest {

  private static Dockerfile parse(String text) {
    return Dockerfile.parse("Dockerfile", text);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(String text) {
    return assertThatThrownBy(() -> parse(text)).isInstanceOf(DockerfileException.class);
  }

  private static int errorLine(String text) {
    try {
      parse(text);
    } catch (DockerfileException e) {
      assertThat(e.file()).isEqualTo("Dockerfile");
      return e.line();
    }
    throw new AssertionError("parsed: " + text);
  }

  @Test
  void splitsStagesAtEachFrom() {
    Dockerfile file =
        parse(
            "FROM golang:1.22 AS build\nRUN go build\n"
                + "from alpine\nCOPY --from=build /out /bin/\nCMD [\"/bin/app\"]\n");
    assertThat(file.stages()).hasSize(2);
    Stage build = file.stages().get(0);
    assertThat(build.index()).isZero();
    assertThat(build.name()).isEqualTo("build");
    assertThat(build.baseName()).isEqualTo("golang:1.22");
    assertThat(build.body()).extracting(Instruction::keyword).containsExactly("RUN");
    Stage last = file.stages().get(1);
    assertThat(last.name()).isNull();
    assertThat(last.from().keyword()).isEqualTo("FROM");
    assertThat(last.body()).extracting(Instruction::keyword).containsExactly("COPY", "CMD");
    assertThat(last.body().get(0).flags()).containsExactly(Map.entry("from", "build"));
  }

  @Test
  void stageNamesAreLowerCasedAndFoundIgnoringCase() {
    Dockerfile file = parse("FROM a AS Builder\nFROM b as second\nFROM c");
    assertThat(file.stages().get(0).name()).isEqualTo("builder");
    assertThat(file.stage("BUILDER")).map(Stage::index).contains(0);
    assertThat(file.stage("second")).map(Stage::index).contains(1);
    assertThat(file.stage("2")).map(Stage::baseName).contains("c");
    assertThat(file.stage("3")).isEmpty();
    assertThat(file.stage("-1")).isEmpty();
    assertThat(file.stage("nope")).isEmpty();
  }

  @Test
  void aStageNameWinsOverAnIndex() {
    // moby builder/dockerfile: stagesBuildResults.get tries the name first
    assertThatThrownBy(() -> parse("FROM a AS 0")).isInstanceOf(DockerfileException.class);
    Dockerfile file = parse("FROM a\nFROM b AS x1\n");
    assertThat(file.stage("x1")).map(Stage::index).contains(1);
  }

  @Test
  void fromTakesAPlatformFlag() {
    Stage stage = parse("FROM --platform=$BUILDPLATFORM alpine AS x").stages().get(0);
    assertThat(stage.platform()).isEqualTo("$BUILDPLATFORM");
    assertThat(stage.baseName()).isEqualTo("alpine");
  }

  @Test
  void argsBeforeTheFirstFromAreMetaArgs() {
    Dockerfile file = parse("ARG VERSION=1\nARG BASE\nFROM alpine:$VERSION\nARG VERSION\n");
    assertThat(file.metaArgs())
        .extracting(Instruction::args)
        .containsExactly(java.util.List.of("VERSION=1"), java.util.List.of("BASE"));
    assertThat(file.stages().get(0).body())
        .extracting(Instruction::original)
        .containsExactly("ARG VERSION");
  }

  @Test
  void keywordsAreCaseInsensitiveAndUpperCased() {
    Dockerfile file = parse("from a\nrUn echo\nWorkDir /x");
    assertThat(file.stages().get(0).body())
        .extracting(Instruction::keyword)
        .containsExactly("RUN", "WORKDIR");
  }

  @Test
  void originalIsTheJoinedTrimmedLineDockerPrints() {
    Instruction run =
        parse("FROM a\n   RUN apt-get update && \\\n    # comment\n    apt-get install x   \n")
            .stages()
            .get(0)
            .body()
            .get(0);
    assertThat(run.original()).isEqualTo("RUN apt-get update &&     apt-get install x");
    assertThat(run.line()).isEqualTo(2);
    assertThat(run.args()).containsExactly("apt-get update &&     apt-get install x");
    assertThat(run.json()).isFalse();
  }

  @Test
  void windowsStyleEscapeDirective() {
    Dockerfile file =
        parse(
            "# escape=`\n\nFROM mcr.microsoft.com/windows/servercore\n"
                + "COPY testfile.txt c:\\\n"
                + "RUN dir c:\\ `\n    && echo done\n");
    assertThat(file.escape()).isEqualTo('`');
    var body = file.stages().get(0).body();
    assertThat(body.get(0).args()).containsExactly("testfile.txt", "c:\\");
    assertThat(body.get(1).args()).containsExactly("dir c:\\     && echo done");
  }

  @Test
  void withoutTheDirectiveATrailingBackslashContinues() {
    // the Windows example of Docker's docs fails the same way: COPY gets the next line
    var body = parse("FROM a\nCOPY testfile.txt c:\\\nRUN dir c:\\\n").stages().get(0).body();
    assertThat(body).hasSize(1);
    assertThat(body.get(0).args()).containsExactly("testfile.txt", "c:RUN", "dir", "c:");
  }

  @Test
  void maintainerIsKept() {
    Instruction maintainer =
        parse("FROM a\nMAINTAINER Jane <j@x.org>").stages().get(0).body().get(0);
    assertThat(maintainer.keyword()).isEqualTo("MAINTAINER");
    assertThat(maintainer.args()).containsExactly("Jane <j@x.org>");
  }

  @Test
  void onbuildNestsAnInstruction() {
    Instruction onbuild =
        parse("FROM a\nONBUILD COPY --chown=1:1 [\"a\", \"/b\"]").stages().get(0).body().get(0);
    assertThat(onbuild.args()).containsExactly("COPY --chown=1:1 [\"a\", \"/b\"]");
    Instruction nested = onbuild.nested();
    assertThat(nested.keyword()).isEqualTo("COPY");
    assertThat(nested.flags()).containsExactly(Map.entry("chown", "1:1"));
    assertThat(nested.args()).containsExactly("a", "/b");
    assertThat(nested.json()).isTrue();
    assertThat(nested.line()).isEqualTo(2);
  }

  @Test
  void onbuildRefusesChainingAndFromAndMaintainer() {
    refused("FROM a\nONBUILD ONBUILD RUN x")
        .hasMessage(
            "dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't"
                + " allowed");
    refused("FROM a\nONBUILD from b")
        .hasMessage("dockerfile parse error on line 2: FROM isn't allowed as an ONBUILD trigger");
    refused("FROM a\nONBUILD MAINTAINER me")
        .hasMessage(
            "dockerfile parse error on line 2: MAINTAINER isn't allowed as an ONBUILD trigger");
    refused("FROM a\nONBUILD")
        .hasMessage("dockerfile parse error on line 2: ONBUILD requires at least one argument");
  }

  @Test
  void aStoredTriggerIsCheckedWhenItRuns() {
    assertThat(Instruction.trigger("RUN make", 1).args()).containsExactly("make");
    assertThatThrownBy(() -> Instruction.trigger("FOO bar", 3))
        .isInstanceOf(DockerfileException.class)
        .hasMessage("unknown instruction: FOO (did you mean FROM?)");
    assertThatThrownBy(() -> Instruction.trigger("ONBUILD RUN x", 3))
        .hasMessage("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
  }

  @Test
  void anEmptyFileIsRefusedAsDockerWordsIt() {
    assertThatThrownBy(() -> Dockerfile.parse("Dockerfile.dev", ""))
        .isInstanceOf(DockerfileException.class)
        .hasMessage("the Dockerfile (Dockerfile.dev) cannot be empty")
        .satisfies(e -> assertThat(((DockerfileException) e).file()).isEqualTo("Dockerfile.dev"));
  }

  @Test
  void onlyCommentsIsAFileWithNoInstructions() {
    refused("# just a comment\n\n   \n")
        .hasMessage("failed to parse Dockerfile: file with no instructions");
  }

  @Test
  void instructionsBeforeFromAreRefused() {
    refused("RUN echo\nFROM a").hasMessage("no build stage in current context");
    assertThat(errorLine("ARG x\n\nENV a=b\nFROM a")).isEqualTo(3);
  }

  @Test
  void onlyArgsBuildsNothing() {
    refused("ARG a\nARG b").hasMessage("No image was generated. Is your Dockerfile empty?");
  }

  @Test
  void unknownInstructionsAreRefusedWithTheirLine() {
    refused("FROM a\n\nRUN x\n\n\n\nFOOO bar")
        .hasMessage(
            "dockerfile parse error on line 7: unknown instruction: FOOO (did you mean FROM?)");
    assertThat(errorLine("FROM a\n\nRUN x\n\n\n\nFOOO bar")).isEqualTo(7);
  }

  @Test
  void unknownInstructionsCloseToAKnownOneGetASuggestion() {
    // buildkit util/suggest: Levenshtein distance under 3, the case of what was written
    refused("FROM a\nCOPPY a b")
        .hasMessage(
            "dockerfile parse error on line 2: unknown instruction: COPPY (did you mean COPY?)");
    refused("FROM a\nrum x")
        .hasMessage(
            "dockerfile parse error on line 2: unknown instruction: rum (did you mean run?)");
    refused("FROM a\nExpos 80")
        .hasMessage(
            "dockerfile parse error on line 2: unknown instruction: Expos (did you mean expose?)");
    refused("FROM a\nFRUMPY x")
        .hasMessage("dockerfile parse error on line 2: unknown instruction: FRUMPY");
  }

  @Test
  void lineLevelErrorsArePrefixedWithTheFileName() {
    // moby daemon/builder/remotecontext/detect.go wraps parser errors: "failed to parse <name>"
    assertThatThrownBy(() -> Dockerfile.parse("docker/Dockerfile.dev", "FROM a\nENV x"))
        .hasMessage("failed to parse docker/Dockerfile.dev: ENV must have two arguments");
    assertThat(errorLine("FROM a\nRUN a \\\n b\nENV x")).isEqualTo(4);
  }

  @Test
  void fromNeedsOneOrThreeArguments() {
    refused("FROM a b")
        .hasMessage(
            "dockerfile parse error on line 1: FROM requires either one or three arguments");
    refused("FROM")
        .hasMessage(
            "dockerfile parse error on line 1: FROM requires either one or three arguments");
    refused("FROM a AS 1st")
        .hasMessage(
            "dockerfile parse error on line 1: invalid name for build stage: \"1st\", name can't"
                + " start with a number or contain symbols");
  }

  @Test
  void argumentCountsAreChecked() {
    refused("FROM a\nCOPY onlyone")
        .hasMessage(
            "dockerfile parse error on line 2: COPY requires at least two arguments, but only one"
                + " was provided. Destination could not be determined");
    refused("FROM a\nADD [\"x\"]").hasMessageContaining("ADD requires at least two arguments");
    refused("FROM a\nEXPOSE").hasMessageEndingWith("EXPOSE requires at least one argument");
    refused("FROM a\nVOLUME").hasMessageEndingWith("VOLUME requires at least one argument");
    refused("FROM a\nUSER").hasMessageEndingWith("USER requires exactly one argument");
    refused("FROM a\nWORKDIR").hasMessageEndingWith("WORKDIR requires exactly one argument");
    refused("FROM a\nSTOPSIGNAL").hasMessageEndingWith("STOPSIGNAL requires exactly one argument");
    refused("FROM a\nARG").hasMessageEndingWith("ARG requires at least one argument");
    refused("FROM a\nENV").hasMessageEndingWith("ENV requires at least one argument");
    refused("FROM a\nLABEL").hasMessageEndingWith("LABEL requires at least one argument");
    refused("FROM a\nMAINTAINER").hasMessageEndingWith("MAINTAINER requires exactly one argument");
    refused("FROM a\nHEALTHCHECK")
        .hasMessageEndingWith("HEALTHCHECK requires at least one argument");
  }

  @Test
  void blankNamesAreRefused() {
    refused("FROM a\nENV =x").hasMessageEndingWith("ENV names can not be blank");
    refused("FROM a\nLABEL a=b =c").hasMessageEndingWith("LABEL names can not be blank");
    refused("FROM a\nARG =x").hasMessageEndingWith("ARG names can not be blank");
  }

  @Test
  void volumeRefusesAnEmptyPath() {
    refused("FROM a\nVOLUME [\"/a\", \" \"]")
        .hasMessageEndingWith("VOLUME specified can not be an empty string");
  }

  @Test
  void shellMustBeJson() {
    refused("FROM a\nSHELL powershell -command")
        .hasMessage(
            "dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form");
    refused("FROM a\nSHELL []").hasMessageEndingWith("SHELL requires at least one argument");
    assertThat(parse("FROM a\nSHELL [\"bash\", \"-c\"]").stages().get(0).body().get(0).args())
        .containsExactly("bash", "-c");
  }

  @Test
  void flagsAreCheckedPerInstruction() {
    refused("FROM a\nCOPY --chownn=1 a b")
        .hasMessage(
            "dockerfile parse error on line 2: unknown flag: --chownn (did you mean chown?)");
    refused("FROM a\nCMD --x=1 echo").hasMessageEndingWith("unknown flag: --x");
    refused("FROM a\nCOPY --from=a --from=b x y")
        .hasMessageEndingWith("duplicate flag specified: --from");
    refused("FROM a\nCOPY --from x y").hasMessageEndingWith("missing a value on flag: --from");
    refused("FROM a\nCOPY --link=maybe x y")
        .hasMessageEndingWith("expecting boolean value for flag --link, not: maybe");
    refused("FROM a\nCOPY --link= x y").hasMessageEndingWith("missing a value on flag: --link");
    refused("FROM --platfrom=x a")
        .hasMessageEndingWith("unknown flag: --platfrom (did you mean platform?)");
    refused("FROM --plat=x a").hasMessageEndingWith("unknown flag: --plat");
  }

  @Test
  void flagValuesAreKeptByName() {
    var body =
        parse(
                "FROM a\nCOPY --link --chown=app:app --chmod=644 a b\n"
                    + "ADD --link=FALSE --checksum=sha256:x u /\n"
                    + "RUN --network=none true")
            .stages()
            .get(0)
            .body();
    assertThat(body.get(0).flags())
        .containsExactly(
            Map.entry("link", "true"), Map.entry("chown", "app:app"), Map.entry("chmod", "644"));
    assertThat(body.get(1).flags())
        .containsExactly(Map.entry("link", "false"), Map.entry("checksum", "sha256:x"));
    assertThat(body.get(2).flags()).containsExactly(Map.entry("network", "none"));
  }

  @Test
  void healthcheckOptionsAreCheckedWhenParsing() {
    refused("FROM a\nHEALTHCHECK --interval=5 CMD x")
        .hasMessage("dockerfile parse error on line 2: time: missing unit in duration \"5\"");
    refused("FROM a\nHEALTHCHECK --timeout=10us CMD x")
        .hasMessageEndingWith("Interval \"timeout\" cannot be less than 1ms");
    refused("FROM a\nHEALTHCHECK --retries=-1 CMD x")
        .hasMessageEndingWith("--retries cannot be negative (-1)");
    refused("FROM a\nHEALTHCHECK CMD")
        .hasMessageEndingWith("Missing command after HEALTHCHECK CMD");
    refused("FROM a\nHEALTHCHECK NONE x")
        .hasMessageEndingWith("HEALTHCHECK NONE takes no arguments");
    refused("FROM a\nHEALTHCHECK CONNECT TCP 7000")
        .hasMessageEndingWith("Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)");
    refused("FROM a\nHEALTHCHECK --foo=1 CMD x").hasMessageEndingWith("unknown flag: --foo");
  }

  @Test
  void healthcheckNoneIgnoresFlagsAsDockerDoes() {
    assertThat(parse("FROM a\nHEALTHCHECK --interval=5s NONE").stages().get(0).body()).hasSize(1);
  }

  @Test
  void lineLevelErrorsComeBeforeInstructionErrors() {
    // buildkit parses every line before it checks any instruction
    refused("FROM a\nFOOO\nENV x")
        .hasMessage("failed to parse Dockerfile: ENV must have two arguments");
  }

  @Test
  void directiveErrorsAreLineLevel() {
    refused("# escape=`\n# escape=\\\nFROM a")
        .hasMessage("failed to parse Dockerfile: only one escape parser directive can be used");
  }

  @Test
  void exceptionsSayWhere() {
    try {
      Dockerfile.parse("build/Dockerfile", "FROM a\nXYZZY x");
    } catch (DockerfileException e) {
      assertThat(e.located())
          .isEqualTo(
              "build/Dockerfile:2: dockerfile parse error on line 2: unknown instruction: XYZZY");
      assertThat(e.code()).isEqualTo(io.berth.events.ErrorCode.INVALID_ARGUMENT);
      return;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void heredocBodiesBelongToTheirInstruction() {
    Dockerfile file = parse("FROM a\nRUN <<EOF\necho hi\nFOO bar\nEOF\nCMD x\n");
    var body = file.stages().get(0).body();
    assertThat(body).extracting(Instruction::keyword).containsExactly("RUN", "CMD");
    assertThat(body.get(0).args()).containsExactly("<<EOF");
    assertThat(body.get(0).original()).isEqualTo("RUN <<EOF");
    assertThat(body.get(1).line()).isEqualTo(6);
  }

  @Test
  void heredocVariants() {
    var body =
        parse(
                "FROM a\n"
                    + "RUN <<-EOT bash\n\techo\n\t\tEOT\n"
                    + "COPY <<\"END\" /x\nRUN no\nEND\n"
                    + "RUN cat <<A <<B > f\na\nA\nb\nB\n"
                    + "ONBUILD RUN << X\nrun me\nX\n"
                    + "RUN echo \"<<EOF\"\n"
                    + "RUN [\"cat\", \"<<EOF\"]\n"
                    + "CMD done\n")
            .stages()
            .get(0)
            .body();
    assertThat(body)
        .extracting(Instruction::keyword)
        .containsExactly("RUN", "COPY", "RUN", "ONBUILD", "RUN", "RUN", "CMD");
    assertThat(body).extracting(Instruction::line).containsExactly(2, 5, 8, 13, 16, 17, 18);
  }

  @Test
  void anUnterminatedHeredocIsRefused() {
    refused("FROM a\n\nRUN <<EOF\necho\n")
        .hasMessage("failed to parse Dockerfile: unterminated heredoc");
    assertThat(errorLine("FROM a\n\nRUN <<EOF\necho\n")).isEqualTo(3);
  }
}
