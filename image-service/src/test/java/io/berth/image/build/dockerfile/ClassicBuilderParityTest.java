package io.berth.image.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One Dockerfile built with Docker's classic builder (dockerd 20.10.24, DOCKER_BUILDKIT=0, FROM
 * scratch, so that no step runs a container), and the config Docker produced, replayed through this
 * package by a minimal evaluator: the same steps, the same values.
 */
class ClassicBuilderParityTest {

  private static final String DOCKERFILE =
      """
      ARG TAG=x
      FROM scratch
      ARG A=1
      ENV abc=hello
      ENV abc=bye def=$abc
      ENV PATHX   /usr/local/bin:$abc  and more
      ENV q="two words" r=x\\ y s='$NO' t="$abc" u=${NOPE:-dflt} v=${abc:+set}
      LABEL "com.example.vendor"="ACME Inc" version=1.0 multi="a\\
       b"
      EXPOSE 80 53/udp 8000-8002 443/TCP
      ENV PORTS="9000 9001/sctp"
      EXPOSE $PORTS
      WORKDIR /srv/$abc
      USER ${abc}:nogroup
      VOLUME /data $abc
      STOPSIGNAL SIGTERM
      HEALTHCHECK --interval=1m30s --timeout=3s --retries=3 CMD curl -f http://localhost/ || exit 1
      CMD echo   $HOME   hi
      ENTRYPOINT ["/bin/x", "$abc"]
      ONBUILD   RUN echo hi\\x20\\x20
      SHELL ["/bin/bash", "-c"]
      CMD run   me
      """
          .replace("\\x20", " ");

  @Test
  void printsTheStepsDockerPrinted() {
    Dockerfile file = Dockerfile.parse("Dockerfile", DOCKERFILE);
    List<String> steps = new ArrayList<>();
    file.metaArgs().forEach(i -> steps.add(i.original()));
    for (Stage stage : file.stages()) {
      steps.add(stage.from().original());
      stage.body().forEach(i -> steps.add(i.original()));
    }
    assertThat(steps)
        .containsExactly(
            "ARG TAG=x",
            "FROM scratch",
            "ARG A=1",
            "ENV abc=hello",
            "ENV abc=bye def=$abc",
            "ENV PATHX   /usr/local/bin:$abc  and more",
            "ENV q=\"two words\" r=x\\ y s='$NO' t=\"$abc\" u=${NOPE:-dflt} v=${abc:+set}",
            "LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0 multi=\"a b\"",
            "EXPOSE 80 53/udp 8000-8002 443/TCP",
            "ENV PORTS=\"9000 9001/sctp\"",
            "EXPOSE $PORTS",
            "WORKDIR /srv/$abc",
            "USER ${abc}:nogroup",
            "VOLUME /data $abc",
            "STOPSIGNAL SIGTERM",
            "HEALTHCHECK --interval=1m30s --timeout=3s --retries=3 CMD curl -f"
                + " http://localhost/ || exit 1",
            "CMD echo   $HOME   hi",
            "ENTRYPOINT [\"/bin/x\", \"$abc\"]",
            "ONBUILD   RUN echo hi",
            "SHELL [\"/bin/bash\", \"-c\"]",
            "CMD run   me");
  }

  @Test
  void producesTheConfigDockerProduced() {
    Dockerfile file = Dockerfile.parse("Dockerfile", DOCKERFILE);
    Words words = file.words();
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, String> args = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    Set<String> ports = new LinkedHashSet<>();
    Set<String> volumes = new LinkedHashSet<>();
    List<String> shell = List.of("/bin/sh", "-c");
    List<String> cmd = null;
    List<String> entrypoint = null;
    List<String> onbuild = new ArrayList<>();
    String workdir = null;
    String user = null;
    String stopSignal = null;
    HealthcheckSpec health = null;
    for (Instruction i : file.stages().get(0).body()) {
      Map<String, String> visible = new LinkedHashMap<>(args);
      visible.putAll(env);
      switch (i.keyword()) {
        case "ARG" ->
            Instructions.args(i, words, visible).forEach(a -> args.put(a.name(), a.defaultValue()));
        case "ENV" -> env.putAll(Instructions.keyValues(i, words, visible));
        case "LABEL" -> labels.putAll(Instructions.keyValues(i, words, visible));
        case "EXPOSE" -> ports.addAll(Instructions.exposedPorts(i, words, visible));
        case "VOLUME" -> volumes.addAll(Instructions.volumes(i, words, visible));
        case "WORKDIR" -> workdir = Instructions.word(i, words, visible);
        case "USER" -> user = Instructions.word(i, words, visible);
        case "STOPSIGNAL" -> stopSignal = Instructions.word(i, words, visible);
        case "HEALTHCHECK" -> health = Instructions.healthcheck(i);
        case "CMD" -> cmd = Instructions.command(i, shell);
        case "ENTRYPOINT" -> entrypoint = Instructions.command(i, shell);
        case "SHELL" -> shell = Instructions.shell(i);
        case "ONBUILD" -> onbuild.add(i.args().get(0));
        default -> throw new AssertionError(i.keyword());
      }
    }
    assertThat(env)
        .containsExactly(
            Map.entry("abc", "bye"),
            Map.entry("def", "hello"),
            Map.entry("PATHX", "/usr/local/bin:bye  and more"),
            Map.entry("q", "two words"),
            Map.entry("r", "x y"),
            Map.entry("s", "$NO"),
            Map.entry("t", "bye"),
            Map.entry("u", "dflt"),
            Map.entry("v", "set"),
            Map.entry("PORTS", "9000 9001/sctp"));
    assertThat(labels)
        .containsOnly(
            Map.entry("com.example.vendor", "ACME Inc"),
            Map.entry("multi", "a b"),
            Map.entry("version", "1.0"));
    assertThat(ports)
        .containsExactlyInAnyOrder(
            "443/tcp",
            "53/udp",
            "80/tcp",
            "8000/tcp",
            "8001/tcp",
            "8002/tcp",
            "9000/tcp",
            "9001/sctp");
    assertThat(volumes).containsExactlyInAnyOrder("/data", "bye");
    assertThat(workdir).isEqualTo("/srv/bye");
    assertThat(user).isEqualTo("bye:nogroup");
    assertThat(stopSignal).isEqualTo("SIGTERM");
    assertThat(health)
        .isEqualTo(
            new HealthcheckSpec(
                List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"),
                90_000_000_000L,
                3_000_000_000L,
                0,
                0,
                3));
    assertThat(entrypoint).containsExactly("/bin/x", "$abc");
    assertThat(cmd).containsExactly("/bin/bash", "-c", "run   me");
    assertThat(onbuild).containsExactly("RUN echo hi  ");
    assertThat(args).containsExactly(Map.entry("A", "1"));
  }

  @Test
  void joinsContinuationsAsDockerDid() {
    String text =
        "FROM scratch\n"
            + "   LABEL a=\"hello\\\n  world\" \\\n# comment inside\n  b=c\n"
            + "LABEL x=1 \\\n\n  y=2\n"
            + "LABEL z=1\\\\\n"
            + "LABEL w=\"a\\\\\" v=\\\n\\\n2\n";
    List<Instruction> body = Dockerfile.parse("Dockerfile", text).stages().get(0).body();
    assertThat(body)
        .extracting(Instruction::original)
        .containsExactly(
            "LABEL a=\"hello  world\"   b=c",
            "LABEL x=1   y=2",
            "LABEL z=1\\\\",
            "LABEL w=\"a\\\\\" v=2");
    Map<String, String> labels = new LinkedHashMap<>();
    body.forEach(i -> labels.putAll(Instructions.keyValues(i, new Words('\\'), Map.of())));
    assertThat(labels)
        .containsOnly(
            Map.entry("a", "hello  world"),
            Map.entry("b", "c"),
            Map.entry("x", "1"),
            Map.entry("y", "2"),
            Map.entry("z", "1\\"),
            Map.entry("w", "a\\"),
            Map.entry("v", "2"));
  }

  @Test
  void readsTheBacktickEscapeAsDockerDid() {
    Dockerfile file =
        Dockerfile.parse(
            "Dockerfile",
            "# escape=`\nFROM scratch\nLABEL p=\"c:\\dir\\\" `\n  q=`$HOME r=\"a`\"b\"\n");
    Instruction label = file.stages().get(0).body().get(0);
    assertThat(label.original()).isEqualTo("LABEL p=\"c:\\dir\\\"   q=`$HOME r=\"a`\"b\"");
    assertThat(Instructions.keyValues(label, file.words(), Map.of("HOME", "/root")))
        .containsExactly(
            Map.entry("p", "c:\\dir\\"), Map.entry("q", "$HOME"), Map.entry("r", "a\"b"));
  }
}
