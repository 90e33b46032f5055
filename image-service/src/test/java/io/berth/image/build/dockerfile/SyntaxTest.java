package io.berth.image.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The line level: logical lines and the arguments of each keyword, before instruction checks.
 * Expected values follow the dumps in moby/buildkit
 * frontend/dockerfile/parser/testfiles/&lt;name&gt;/ result (the test names say which).
 */
class SyntaxTest {

  private static List<Syntax.Node> nodes(String text) {
    LineReader.Result read = LineReader.read("Dockerfile", text);
    Syntax syntax = new Syntax(read.escape());
    List<Syntax.Node> nodes = new ArrayList<>();
    for (LineReader.LogicalLine line : read.lines()) {
      nodes.add(syntax.parse(line.text()));
    }
    return nodes;
  }

  private static Syntax.Node node(String line) {
    return nodes(line).get(0);
  }

  @Test
  void continuationsKeepTheIndentOfFollowingLines() {
    // testfiles/continueIndent
    List<Syntax.Node> nodes =
        nodes(
            "FROM ubuntu:14.04\n\n"
                + "RUN echo hello\\\n  world\\\n  goodnight  \\\n  moon\\\n  light\\\nning\n"
                + "RUN echo hello  \\\n  world\n"
                + "RUN echo hello \\\ngoodbye\\\nfrog\n"
                + "RUN echo hello  \\  \nworld\n"
                + "RUN echo hi \\\n \\\n world \\\n\\\n good\\\n\\\nnight\n"
                + "RUN echo hello \\\n# this is a comment\n\n# another\n\nthis is some more useful"
                + " stuff\n");
    assertThat(nodes)
        .extracting(n -> n.args().get(0))
        .containsExactly(
            "ubuntu:14.04",
            "echo hello  world  goodnight    moon  lightning",
            "echo hello    world",
            "echo hello goodbyefrog",
            "echo hello  world",
            "echo hi   world  goodnight",
            "echo hello this is some more useful stuff");
  }

  @Test
  void aContinuationAtTheEndOfTheFileEndsTheInstruction() {
    // testfiles/continue-at-eof
    assertThat(nodes("FROM alpine:3.5\n\nRUN something \\").get(1).args())
        .containsExactly("something");
  }

  @Test
  void blankLinesInsideAContinuationAreSkipped() {
    // testfiles/escapes: RUN foo \ (blank) bar \ (blank) baz
    assertThat(node("RUN foo \\\n\nbar \\\n\nbaz\n").args()).containsExactly("foo bar baz");
  }

  @Test
  void anEscapedEscapeAtTheEndDoesNotContinue() {
    List<Syntax.Node> nodes = nodes("RUN echo a\\\\\nRUN echo b\n");
    assertThat(nodes).hasSize(2);
    assertThat(nodes.get(0).args()).containsExactly("echo a\\\\");
  }

  @Test
  void crlfLineEndingsAreDropped() {
    List<Syntax.Node> nodes = nodes("FROM a\r\nRUN x \\\r\n  y\r\n");
    assertThat(nodes.get(1).args()).containsExactly("x   y");
  }

  @Test
  void aByteOrderMarkIsIgnored() {
    assertThat(node("\uFEFFFROM a").keyword()).isEqualTo("FROM");
  }

  @Test
  void theBacktickEscapeDirectiveChangesTheContinuationCharacter() {
    // testfiles/escape-nonewline: with ` as escape, \ is an ordinary character
    List<Syntax.Node> nodes =
        nodes(
            "# escape = `\n# comment\nFROM image\nLABEL maintainer foo@bar.com\nENV GOPATH `\n\\go\n");
    assertThat(nodes).hasSize(3);
    assertThat(nodes.get(2).args()).containsExactly("GOPATH", "\\go");
  }

  @Test
  void aDirectiveAfterACommentIsAComment() {
    // testfiles/escape-after-comment: the backslash stays the escape
    List<Syntax.Node> nodes =
        nodes("# Comment here.\n# escape = `\n\nFROM image\nENV GOPATH \\\n\\go");
    assertThat(nodes.get(1).args()).containsExactly("GOPATH", "\\go");
  }

  @Test
  void aDirectiveAfterABlankLineIsAComment() {
    assertThat(LineReader.read("Dockerfile", "\n# escape=`\nFROM a").escape()).isEqualTo('\\');
  }

  @Test
  void directivesAreCaseInsensitiveAndSyntaxIsIgnored() {
    LineReader.Result read =
        LineReader.read("Dockerfile", "# syntax=docker/dockerfile:1\n#ESCAPE=`\nFROM a\n");
    assertThat(read.escape()).isEqualTo('`');
    assertThat(read.lines()).extracting(LineReader.LogicalLine::text).containsExactly("FROM a");
  }

  @Test
  void aRepeatedDirectiveIsRefused() {
    assertThatThrownBy(() -> LineReader.read("Dockerfile", "# escape=`\n# escape=\\\nFROM a"))
        .isInstanceOf(DockerfileException.class)
        .hasMessage("only one escape parser directive can be used")
        .satisfies(e -> assertThat(((DockerfileException) e).line()).isEqualTo(2));
  }

  @Test
  void anInvalidEscapeTokenIsRefused() {
    assertThatThrownBy(() -> LineReader.read("Dockerfile", "# escape=x\nFROM a"))
        .hasMessage("invalid escape token 'x' does not match ` or \\");
  }

  @Test
  void linesKnowWhereTheyStartAndEnd() {
    List<LineReader.LogicalLine> lines =
        LineReader.read("Dockerfile", "# c\nFROM a\n\nRUN a \\\n  # c\n  b\nCMD x").lines();
    assertThat(lines)
        .extracting(LineReader.LogicalLine::startLine, LineReader.LogicalLine::endLine)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, 2),
            org.assertj.core.groups.Tuple.tuple(4, 6),
            org.assertj.core.groups.Tuple.tuple(7, 7));
  }

  @Test
  void indentedCommentsAreComments() {
    assertThat(nodes("   # indented\nFROM a\n  \t# also\n")).hasSize(1);
  }

  @Test
  void envKeepsQuotesAndEscapesForTheExpansion() {
    // testfiles/env
    assertThat(node("ENV name value").args()).containsExactly("name", "value");
    assertThat(node("ENV name=value name2=value2").args())
        .containsExactly("name=value", "name2=value2");
    assertThat(node("ENV name=\"value value1\"").args()).containsExactly("name=\"value value1\"");
    assertThat(node("ENV name=value\\ value2").args()).containsExactly("name=value\\ value2");
    assertThat(node("ENV name='value\"double quote\"value2'").args())
        .containsExactly("name='value\"double quote\"value2'");
    assertThat(node("ENV name='a\\'b''").args()).containsExactly("name='a\\'b''");
  }

  @Test
  void legacyEnvTakesTheRestOfTheLineAsTheValue() {
    assertThat(node("ENV PATH   /a  b \"c\"").args()).containsExactly("PATH", "/a  b \"c\"");
  }

  @Test
  void legacyEnvWithoutAValueIsRefused() {
    assertThatThrownBy(() -> node("ENV PATH")).hasMessage("ENV must have two arguments");
    assertThatThrownBy(() -> node("LABEL x")).hasMessage("LABEL must have two arguments");
  }

  @Test
  void newStyleEnvNeedsAnEqualsSignInEveryWord() {
    assertThatThrownBy(() -> node("ENV a=1 b"))
        .hasMessage("Syntax error - can't find = in \"b\". Must be of the form: name=value");
  }

  @Test
  void jsonArraysAreExecForm() {
    Syntax.Node cmd = node("CMD [ \"\\/usr\\\\\\\"/bin/znc\", \"-f\", \"-r\" ]");
    // testfiles/escapes: JSON escapes are decoded
    assertThat(cmd.json()).isTrue();
    assertThat(cmd.args()).containsExactly("/usr\\\"/bin/znc", "-f", "-r");
  }

  @Test
  void invalidJsonIsShellForm() {
    // testfiles/jeztah-invalid-json-*: single quotes, unterminated bracket or string
    for (String rest :
        List.of("['a', 'b']", "[\"a\", \"b\"", "[\"a, \"b\"]", "[\"a\"] extra", "[\"a\",]")) {
      Syntax.Node node = node("CMD " + rest);
      assertThat(node.json()).as(rest).isFalse();
      assertThat(node.args()).as(rest).containsExactly(rest);
    }
  }

  @Test
  void jsonThatIsNotAnArrayOfStringsIsRefused() {
    assertThatThrownBy(() -> node("CMD [\"a\", 1]"))
        .hasMessage("when using JSON array syntax, arrays must be comprised of strings only");
    assertThatThrownBy(() -> node("RUN [[\"a\"]]"))
        .hasMessage("when using JSON array syntax, arrays must be comprised of strings only");
  }

  @Test
  void anEmptyJsonArrayIsExecFormWithoutArguments() {
    Syntax.Node node = node("ENTRYPOINT []");
    assertThat(node.json()).isTrue();
    assertThat(node.args()).isEmpty();
  }

  @Test
  void copyShellFormSplitsOnWhitespaceAndKeepsQuotes() {
    assertThat(node("COPY  \"a b\"   c  /dst/").args()).containsExactly("\"a", "b\"", "c", "/dst/");
    assertThat(node("COPY [\"a b\", \"/dst/\"]").args()).containsExactly("a b", "/dst/");
  }

  @Test
  void flagsAreTakenFromTheFrontUntilTheFirstWordOrDoubleDash() {
    // testfiles/flags
    assertThat(node("COPY --user=me --doit=true foo /tmp/").flags())
        .containsExactly("--user=me", "--doit=true");
    Syntax.Node dashed = node("COPY --doit=true -- foo /tmp/");
    assertThat(dashed.flags()).containsExactly("--doit=true");
    assertThat(dashed.args()).containsExactly("foo", "/tmp/");
    Syntax.Node cmd = node("CMD --doit=true -- [ \"a\", \"b\" ]");
    assertThat(cmd.args()).containsExactly("a", "b");
    assertThat(node("COPY --from=\"build stage\" a b").flags())
        .containsExactly("--from=build stage");
  }

  @Test
  void flagsAfterTheFirstArgumentAreArguments() {
    Syntax.Node node = node("RUN echo --mount=x");
    assertThat(node.flags()).isEmpty();
    assertThat(node.args()).containsExactly("echo --mount=x");
  }

  @Test
  void healthcheckSplitsTheTypeFromTheCommand() {
    // testfiles/health
    assertThat(node("HEALTHCHECK   CMD   a b").args()).containsExactly("CMD", "a b");
    Syntax.Node json = node("HEALTHCHECK --timeout=3s CMD [\"foo\"]");
    assertThat(json.args()).containsExactly("CMD", "foo");
    assertThat(json.json()).isTrue();
    assertThat(node("HEALTHCHECK CONNECT TCP 7000").args()).containsExactly("CONNECT", "TCP 7000");
    assertThat(node("HEALTHCHECK").args()).isEmpty();
  }

  @Test
  void argKeepsQuotedWordsTogether() {
    assertThat(node("ARG a b=\"x y\" c='1 2'").args()).containsExactly("a", "b=\"x y\"", "c='1 2'");
  }

  @Test
  void onbuildKeepsTheTriggerText() {
    assertThat(node("onbuild   RUN echo hi").args()).containsExactly("RUN echo hi");
  }

  @Test
  void onbuildParsesItsTrigger() {
    assertThatThrownBy(() -> node("ONBUILD CMD [1]"))
        .hasMessage("when using JSON array syntax, arrays must be comprised of strings only");
  }
}
