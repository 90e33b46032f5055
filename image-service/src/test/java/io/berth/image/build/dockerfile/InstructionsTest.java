package io.berth.image.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed, expanded arguments of each instruction. */
class InstructionsTest {

  private final Words words = new Words('\\');

  private static Instruction instruction(String line) {
    return Dockerfile.parse("Dockerfile", "FROM scratch\n" + line).stages().get(0).body().get(0);
  }

  @Test
  void envNewForm() {
    assertThat(
            Instructions.keyValues(
                instruction("ENV a=1 b=\"two words\" c=x\\ y d='$NO' e=\"$HOME\""),
                words,
                Map.of("HOME", "/root")))
        .containsExactly(
            Map.entry("a", "1"),
            Map.entry("b", "two words"),
            Map.entry("c", "x y"),
            Map.entry("d", "$NO"),
            Map.entry("e", "/root"));
  }

  @Test
  void envLegacyFormTakesTheRestOfTheLine() {
    assertThat(
            Instructions.keyValues(
                instruction("ENV PATH   /usr/local/bin:$PATH  and more"),
                words,
                Map.of("PATH", "/bin")))
        .containsExactly(Map.entry("PATH", "/usr/local/bin:/bin  and more"));
    assertThat(Instructions.keyValues(instruction("ENV A \"quoted value\""), words, Map.of()))
        .containsExactly(Map.entry("A", "quoted value"));
  }

  @Test
  void envValuesSeeTheEnvironmentBeforeTheInstruction() {
    // Docker's docs: ENV abc=bye def=$abc gives def the earlier abc
    assertThat(
            Instructions.keyValues(
                instruction("ENV abc=bye def=$abc"), words, Map.of("abc", "hello")))
        .containsExactly(Map.entry("abc", "bye"), Map.entry("def", "hello"));
  }

  @Test
  void envKeysExpandAndARepeatedKeyKeepsItsLastValue() {
    assertThat(Instructions.keyValues(instruction("ENV ${K}=1 x=2 x=3"), words, Map.of("K", "key")))
        .containsExactly(Map.entry("key", "1"), Map.entry("x", "3"));
  }

  @Test
  void labels() {
    assertThat(
            Instructions.keyValues(
                instruction(
                    "LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0 multi=\"a\\\n b\""),
                words,
                Map.of()))
        .containsExactly(
            Map.entry("com.example.vendor", "ACME Inc"),
            Map.entry("version", "1.0"),
            Map.entry("multi", "a b"));
  }

  @Test
  void argWithAndWithoutDefault() {
    assertThat(Instructions.arg(instruction("ARG VERSION"), words, Map.of()))
        .isEqualTo(new ArgSpec("VERSION", null));
    assertThat(Instructions.arg(instruction("ARG VERSION=\"1.2 beta\""), words, Map.of()))
        .isEqualTo(new ArgSpec("VERSION", "1.2 beta"));
    assertThat(Instructions.arg(instruction("ARG EMPTY="), words, Map.of()))
        .isEqualTo(new ArgSpec("EMPTY", ""));
    assertThat(Instructions.arg(instruction("ARG B=$A/x"), words, Map.of("A", "a")))
        .isEqualTo(new ArgSpec("B", "a/x"));
  }

  @Test
  void severalArgsOnALine() {
    Instruction arg = instruction("ARG a b=2 c='x y'");
    assertThat(Instructions.args(arg, words, Map.of()))
        .containsExactly(new ArgSpec("a", null), new ArgSpec("b", "2"), new ArgSpec("c", "x y"));
    assertThatThrownBy(() -> Instructions.arg(arg, words, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copyShellForm() {
    CopySpec copy =
        Instructions.copy(
            instruction("COPY --from=build --chown=$UID:0 src/*.go 'it''s' $DEST/"),
            words,
            Map.of("UID", "1000", "DEST", "/app"));
    assertThat(copy.sources()).containsExactly("src/*.go", "its");
    assertThat(copy.dest()).isEqualTo("/app/");
    assertThat(copy.from()).isEqualTo("build");
    assertThat(copy.chown()).isEqualTo("1000:0");
    assertThat(copy.chmod()).isNull();
  }

  @Test
  void copyShellFormSplitsBeforeRemovingQuotes() {
    // parseMaybeJSONToList splits on whitespace first, so "a b" becomes the words "a and b",
    // each with an unmatched quote: Docker refuses it (paths with spaces need the JSON form)
    assertThatThrownBy(() -> Instructions.copy(instruction("COPY \"a b\" /dst/"), words, Map.of()))
        .isInstanceOf(DockerfileException.class)
        .hasMessage(
            "failed to process \"\\\"a\": unexpected end of statement while looking for"
                + " matching double-quote");
  }

  @Test
  void copyJsonFormIsExpandedToo() {
    CopySpec copy =
        Instructions.copy(
            instruction("ADD --chmod=755 [\"my file\", \"$D\"]"), words, Map.of("D", "/x/"));
    assertThat(copy.sources()).containsExactly("my file");
    assertThat(copy.dest()).isEqualTo("/x/");
    assertThat(copy.chmod()).isEqualTo("755");
    assertThat(copy.from()).isNull();
  }

  @Test
  void copyFromIsNotExpanded() {
    // moby builder/dockerfile dispatchCopy uses c.From as written
    assertThat(Instructions.copy(instruction("COPY --from=$S a b"), words, Map.of("S", "x")).from())
        .isEqualTo("$S");
  }

  @Test
  void commandShellAndExecForms() {
    List<String> sh = List.of("/bin/sh", "-c");
    assertThat(Instructions.command(instruction("RUN echo $HOME && ls"), sh))
        .containsExactly("/bin/sh", "-c", "echo $HOME && ls");
    assertThat(Instructions.command(instruction("CMD [\"nginx\", \"-g\", \"daemon off;\"]"), sh))
        .containsExactly("nginx", "-g", "daemon off;");
    assertThat(Instructions.command(instruction("ENTRYPOINT []"), sh)).isEmpty();
    assertThat(Instructions.command(instruction("RUN"), sh)).containsExactly("/bin/sh", "-c");
    assertThat(Instructions.command(instruction("RUN dir"), List.of("cmd", "/S", "/C")))
        .containsExactly("cmd", "/S", "/C", "dir");
  }

  @Test
  void shellIsTheJsonArray() {
    assertThat(
            Instructions.shell(instruction("SHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]")))
        .containsExactly("/bin/bash", "-eo", "pipefail", "-c");
  }

  @Test
  void exposedPorts() {
    assertThat(
            Instructions.exposedPorts(
                instruction("EXPOSE 80 53/udp 8000-8002 443/TCP 80/tcp $MORE"),
                words,
                Map.of("MORE", "9000 9001/sctp")))
        .containsExactly(
            "80/tcp",
            "53/udp",
            "8000/tcp",
            "8001/tcp",
            "8002/tcp",
            "443/tcp",
            "9000/tcp",
            "9001/sctp");
  }

  @Test
  void exposedPortsRefuseNonsense() {
    assertThatThrownBy(() -> Instructions.exposedPorts(instruction("EXPOSE http"), words, Map.of()))
        .isInstanceOf(DockerfileException.class)
        .hasMessage("invalid containerPort: http")
        .satisfies(e -> assertThat(((DockerfileException) e).line()).isEqualTo(2));
    assertThatThrownBy(
            () -> Instructions.exposedPorts(instruction("EXPOSE 80/icmp"), words, Map.of()))
        .hasMessage("invalid proto: icmp");
    assertThatThrownBy(
            () -> Instructions.exposedPorts(instruction("EXPOSE 80/ICMP"), words, Map.of()))
        .hasMessage("invalid proto: icmp");
    assertThatThrownBy(
            () -> Instructions.exposedPorts(instruction("EXPOSE x/udp/y"), words, Map.of()))
        .hasMessage("invalid proto: udp/y");
    assertThatThrownBy(
            () -> Instructions.exposedPorts(instruction("EXPOSE 70000"), words, Map.of()))
        .hasMessage("invalid containerPort: 70000");
    assertThatThrownBy(() -> Instructions.exposedPorts(instruction("EXPOSE 9-1"), words, Map.of()))
        .hasMessage("invalid containerPort: 9-1");
    assertThatThrownBy(() -> Instructions.exposedPorts(instruction("EXPOSE /tcp"), words, Map.of()))
        .hasMessage("no port specified: /tcp<empty>");
  }

  @Test
  void volumes() {
    assertThat(Instructions.volumes(instruction("VOLUME /data $LOGS"), words, Map.of("LOGS", "/l")))
        .containsExactly("/data", "/l");
    assertThat(Instructions.volumes(instruction("VOLUME [\" /a \", \"/b\"]"), words, Map.of()))
        .containsExactly("/a", "/b");
  }

  @Test
  void userWorkdirStopsignalExpandOneWord() {
    Map<String, String> env = Map.of("APP", "/srv/app", "U", "nobody");
    assertThat(Instructions.word(instruction("WORKDIR $APP/bin"), words, env))
        .isEqualTo("/srv/app/bin");
    assertThat(Instructions.word(instruction("USER ${U}:nogroup"), words, env))
        .isEqualTo("nobody:nogroup");
    assertThat(Instructions.word(instruction("STOPSIGNAL SIGTERM"), words, env))
        .isEqualTo("SIGTERM");
  }

  @Test
  void fromExpandsWithMetaArgs() {
    Dockerfile file =
        Dockerfile.parse("Dockerfile", "ARG TAG=3.19\nFROM --platform=$P alpine:${TAG} AS base\n");
    Instruction from = file.stages().get(0).from();
    Map<String, String> meta = Map.of("TAG", "3.20", "P", "linux/amd64");
    assertThat(Instructions.fromImage(from, words, meta)).isEqualTo("alpine:3.20");
    assertThat(Instructions.fromPlatform(from, words, meta)).isEqualTo("linux/amd64");
  }

  @Test
  void fromRefusesABlankBase() {
    Instruction from = Dockerfile.parse("Dockerfile", "FROM $NOTHING").stages().get(0).from();
    assertThatThrownBy(() -> Instructions.fromImage(from, words, Map.of()))
        .isInstanceOf(DockerfileException.class)
        .hasMessage("base name ($NOTHING) should not be blank");
  }

  @Test
  void healthcheckShellForm() {
    HealthcheckSpec check =
        Instructions.healthcheck(
            instruction(
                "HEALTHCHECK --interval=1m30s --timeout=3s --start-period=0.5s"
                    + " --start-interval=100ms --retries=3 CMD curl -f http://localhost/ || exit 1"));
    assertThat(check.test()).containsExactly("CMD-SHELL", "curl -f http://localhost/ || exit 1");
    assertThat(check.interval()).isEqualTo(90_000_000_000L);
    assertThat(check.timeout()).isEqualTo(3_000_000_000L);
    assertThat(check.startPeriod()).isEqualTo(500_000_000L);
    assertThat(check.startInterval()).isEqualTo(100_000_000L);
    assertThat(check.retries()).isEqualTo(3);
  }

  @Test
  void healthcheckExecFormAndDefaults() {
    HealthcheckSpec check =
        Instructions.healthcheck(instruction("healthcheck cmd [\"/check\", \"-q\"]"));
    assertThat(check.test()).containsExactly("CMD", "/check", "-q");
    assertThat(check.interval()).isZero();
    assertThat(check.retries()).isZero();
  }

  @Test
  void healthcheckNone() {
    assertThat(Instructions.healthcheck(instruction("HEALTHCHECK NONE")).test())
        .containsExactly("NONE");
  }

  @Test
  void zeroDurationsMeanTheDefault() {
    HealthcheckSpec check =
        Instructions.healthcheck(instruction("HEALTHCHECK --interval=0s --timeout=0 CMD x"));
    assertThat(check.interval()).isZero();
    assertThat(check.timeout()).isZero();
  }

  @Test
  void expansionErrorsCarryTheInstructionLine() {
    assertThatThrownBy(() -> Instructions.word(instruction("WORKDIR ${oops"), words, Map.of()))
        .isInstanceOf(DockerfileException.class)
        .hasMessage("failed to process \"${oops\": syntax error: missing '}'")
        .satisfies(e -> assertThat(((DockerfileException) e).line()).isEqualTo(2));
  }

  @Test
  void refusesTheWrongInstruction() {
    assertThatThrownBy(() -> Instructions.volumes(instruction("RUN x"), words, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 2: expected VOLUME, not RUN");
  }

  @Test
  void goDurations() {
    assertThat(GoDuration.parse("1h2m3s4ms5us6ns")).isEqualTo(3_723_004_005_006L);
    assertThat(GoDuration.parse("1.5h")).isEqualTo(5_400_000_000_000L);
    assertThat(GoDuration.parse("-2s")).isEqualTo(-2_000_000_000L);
    assertThat(GoDuration.parse(".5s")).isEqualTo(500_000_000L);
    assertThat(GoDuration.parse("3µs")).isEqualTo(3_000L);
    assertThatThrownBy(() -> GoDuration.parse("")).hasMessage("time: invalid duration \"\"");
    assertThatThrownBy(() -> GoDuration.parse("5"))
        .hasMessage("time: missing unit in duration \"5\"");
    assertThatThrownBy(() -> GoDuration.parse("5d"))
        .hasMessage("time: unknown unit \"d\" in duration \"5d\"");
    assertThatThrownBy(() -> GoDuration.parse("3000000h"))
        .hasMessage("time: invalid duration \"3000000h\"");
  }
}
