package io.berth.image.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code .dockerignore} rules. The single-pattern cases are those of moby/patternmatcher's
 * patternmatcher_test.go TestMatches (MatchesOrParentMatches).
 */
class DockerignoreTest {

  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = 0,
      value = {
        "**|file|true",
        "**|dir/file|true",
        "**/|dir/file|true",
        "**/**|dir/file|true",
        "dir/**|dir/file|true",
        "dir/**|dir/dir2/file|true",
        "**/dir|dir|true",
        "**/dir|dir/file|true",
        "**/dir2/*|dir/dir2/file|true",
        "**/dir2/**|dir/dir2/dir3/file|true",
        "**file|file|true",
        "**file|dir/file|true",
        "**/file|dir/file|true",
        "**file|dir/dir/file|true",
        "**/file*|dir/dir/file.txt|true",
        "**/file*.txt|dir/dir/file.txt|true",
        "**/**/*.txt|dir/dir/file.txt|true",
        "**/**/*.txt2|dir/dir/file.txt|false",
        "**/*.txt|file.txt|true",
        "**/**/*.txt|file.txt|true",
        "a**/*.txt|a/file.txt|true",
        "a**/*.txt|a/dir/dir/file.txt|true",
        "a/*.txt|a/dir/file.txt|false",
        "a/*.txt|a/file.txt|true",
        "a/*.txt**|a/file.txt|true",
        "a[b-d]e|ae|false",
        "a[b-d]e|ace|true",
        "a[b-d]e|aae|false",
        "a[^b-d]e|aze|true",
        ".*|.foo|true",
        ".*|foo|false",
        "abc.def|abcdef|false",
        "abc.def|abc.def|true",
        "abc?def|abcZdef|true",
        "abc?def|abcdef|false",
        "a\\\\|a\\|true",
        "a\\*b|a*b|true",
        "**/foo/bar|foo/bar|true",
        "**/foo/bar|dir/dir2/foo/bar|true",
        "abc/**|abc|false",
        "abc/**|abc/def/ghi|true",
        "**/.foo|.foo|true",
        "**/.foo|bar.foo|false",
        "a(b)c/def|a(b)c/def|true",
        "a(b)c/def|a(b)c/xyz|false",
        "dist/*.whl|dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl|true",
      })
  void matchesAsPatternmatcherDoes(String pattern, String path, boolean excluded) {
    assertThat(Dockerignore.parse(pattern).excludes(path)).isEqualTo(excluded);
  }

  @Test
  void regexCharactersAreLiteral() {
    assertThat(Dockerignore.parse("a.|)$(}+{bc").excludes("a.|)$(}+{bc")).isTrue();
    assertThat(Dockerignore.parse("a.|)$(}+{bc").excludes("aX|)$(}+{bc")).isFalse();
  }

  @Test
  void aPatternOnADirectoryExcludesEverythingUnderIt() {
    Dockerignore ignore = Dockerignore.parse("node_modules\nbuild/out\n");
    assertThat(ignore.excludes("node_modules")).isTrue();
    assertThat(ignore.excludes("node_modules/a/b/c.js")).isTrue();
    assertThat(ignore.excludes("build/out/x")).isTrue();
    assertThat(ignore.excludes("build/other")).isFalse();
    assertThat(ignore.excludes("src/node_modules")).isFalse();
  }

  @Test
  void starsStayWithinOneDirectory() {
    Dockerignore ignore = Dockerignore.parse("*/temp*\n*.md");
    assertThat(ignore.excludes("somedir/temporary.txt")).isTrue();
    assertThat(ignore.excludes("somedir/temp")).isTrue();
    assertThat(ignore.excludes("temp")).isFalse();
    assertThat(ignore.excludes("a/b/temp")).isFalse();
    assertThat(ignore.excludes("README.md")).isTrue();
    assertThat(ignore.excludes("docs/README.md")).isFalse();
  }

  @Test
  void doubleStarCrossesDirectories() {
    Dockerignore ignore = Dockerignore.parse("**/*.go\n");
    assertThat(ignore.excludes("main.go")).isTrue();
    assertThat(ignore.excludes("cmd/tool/main.go")).isTrue();
    assertThat(ignore.excludes("main.gox")).isFalse();
  }

  @Test
  void exceptionsReincludeAndTheLastMatchWins() {
    // Docker's docs: *.md, !README.md, README-secret.md
    Dockerignore ignore = Dockerignore.parse("*.md\n!README*.md\nREADME-secret.md\n");
    assertThat(ignore.excludes("CHANGES.md")).isTrue();
    assertThat(ignore.excludes("README.md")).isFalse();
    assertThat(ignore.excludes("README-secret.md")).isTrue();
  }

  @Test
  void theOrderOfExceptionsMatters() {
    // Docker's docs: with the exception last, README-secret.md is sent
    Dockerignore ignore = Dockerignore.parse("*.md\nREADME-secret.md\n!README*.md\n");
    assertThat(ignore.excludes("README-secret.md")).isFalse();
    assertThat(ignore.excludes("other.md")).isTrue();
  }

  @Test
  void anExceptionInsideAnExcludedDirectory() {
    Dockerignore ignore = Dockerignore.parse("**\n!util/docker/web\n");
    assertThat(ignore.excludes("util/docker/web/foo")).isFalse();
    assertThat(ignore.excludes("util/docker/other")).isTrue();
    assertThat(
            Dockerignore.parse("**\n!util/docker/web\nutil/docker/web/foo")
                .excludes("util/docker/web/foo"))
        .isTrue();
    assertThat(Dockerignore.parse("**\n!dist/*.whl").excludes("dist/x-1.0+g1-py3-none-any.whl"))
        .isFalse();
  }

  @Test
  void anExceptionBeforeAnyPatternDoesNothing() {
    assertThat(Dockerignore.parse("!keep\nkeep").excludes("keep")).isTrue();
  }

  @Test
  void commentsBlankLinesAndSpacesAreSkipped() {
    Dockerignore ignore = Dockerignore.parse("\uFEFF# comment\n\n   \n  tmp  \r\n #notacomment\n");
    assertThat(ignore.patterns()).containsExactly("tmp", "#notacomment");
    assertThat(ignore.excludes("tmp")).isTrue();
    assertThat(ignore.excludes("# comment")).isFalse();
  }

  @Test
  void patternsAreCleanedAndLoseALeadingSlash() {
    Dockerignore ignore = Dockerignore.parse("/abs/path/\n./dot\na/../b\n! /x//y/\nsub/./*.o\n");
    assertThat(ignore.patterns()).containsExactly("abs/path", "dot", "b", "!x/y", "sub/*.o");
    assertThat(ignore.excludes("abs/path/file")).isTrue();
    assertThat(ignore.excludes("dot")).isTrue();
    assertThat(ignore.excludes("sub/main.o")).isTrue();
  }

  @Test
  void pathsAreCleanedAndTheRootIsNeverExcluded() {
    Dockerignore ignore = Dockerignore.parse("**");
    assertThat(ignore.excludes(".")).isFalse();
    assertThat(ignore.excludes("")).isFalse();
    assertThat(Dockerignore.parse("a/b").excludes("a//b/")).isTrue();
  }

  @Test
  void aLoneExclamationMarkIsRefused() {
    assertThatThrownBy(() -> Dockerignore.parse("a\n!\n"))
        .isInstanceOf(DockerfileException.class)
        .hasMessage("illegal exclusion pattern: \"!\"")
        .satisfies(
            e -> {
              assertThat(((DockerfileException) e).file()).isEqualTo(".dockerignore");
              assertThat(((DockerfileException) e).line()).isEqualTo(2);
            });
  }

  @Test
  void malformedPatternsAreRefused() {
    assertThatThrownBy(() -> Dockerignore.parse("[a-"))
        .isInstanceOf(DockerfileException.class)
        .hasMessage("syntax error in pattern");
    assertThatThrownBy(() -> Dockerignore.parse("ok\nbad\\")).hasMessage("syntax error in pattern");
  }

  @Test
  void characterClassesWithJavaSpecialCharactersStayLiteral() {
    Dockerignore ignore = Dockerignore.parse("x[&&a]");
    assertThat(ignore.excludes("x&")).isTrue();
    assertThat(ignore.excludes("xa")).isTrue();
    assertThat(ignore.excludes("xb")).isFalse();
  }

  @Test
  void skipsADirectoryOnlyWhenNoExceptionCouldReachInside() {
    // the Docker CLI's tar walk: an excluded directory is skipped unless an exception starts with
    // it
    Dockerignore ignore = Dockerignore.parse("vendor\nlogs\n!logs/keep.txt\n");
    assertThat(ignore.skipsDirectory("vendor")).isTrue();
    assertThat(ignore.skipsDirectory("logs")).isFalse();
    assertThat(ignore.excludes("logs/keep.txt")).isFalse();
    assertThat(ignore.skipsDirectory("src")).isFalse();
    Dockerignore wildcard = Dockerignore.parse("a\n!*/keep\n");
    assertThat(wildcard.excludes("a/keep")).isFalse();
    assertThat(wildcard.skipsDirectory("a")).isTrue();
  }

  @Test
  void leavesOutWhatTheDockerCliLeftOut() {
    // A context sent by the docker 28 CLI with this .dockerignore (COPY . into a scratch image,
    // then docker export): these files arrived, the others did not.
    Dockerignore ignore =
        Dockerignore.parse(
            String.join(
                "\n",
                "# comment",
                "node_modules",
                "/logs",
                "!logs/keep.txt",
                "*.md",
                "!README*.md",
                "README-secret.md",
                "**/*.go",
                "!src/deep/**",
                "build/out/",
                "a",
                "!*/keep",
                "*/temp*",
                "temp?",
                "odd\\[1\\].txt"));
    List<String> files =
        List.of(
            "node_modules/x/i.js",
            "logs/keep.txt",
            "logs/other.txt",
            "logs/sub/keep.txt",
            "a/keep/f",
            "a/b.txt",
            "src/main.go",
            "src/deep/er/z.go",
            "src/x.md",
            "README.md",
            "README-secret.md",
            "CHANGES.md",
            "docs/README.md",
            "build/out/o",
            "build/other",
            "temp",
            "tempx",
            "src/temp.txt",
            "odd[1].txt",
            "x.tmp",
            "Dockerfile");
    List<String> sent = files.stream().filter(f -> !leftOut(ignore, f)).toList();
    assertThat(sent)
        .containsExactlyInAnyOrder(
            "logs/keep.txt",
            "src/deep/er/z.go",
            "src/x.md",
            "README.md",
            "docs/README.md",
            "build/other",
            "temp",
            "x.tmp",
            "Dockerfile");
  }

  /** The CLI's walk: a file is left out when excluded or under a directory the walk skips. */
  private static boolean leftOut(Dockerignore ignore, String file) {
    String[] parts = file.split("/");
    String dir = "";
    for (int i = 0; i < parts.length - 1; i++) {
      dir = dir.isEmpty() ? parts[i] : dir + "/" + parts[i];
      if (ignore.skipsDirectory(dir)) {
        return true;
      }
    }
    return ignore.excludes(file);
  }
}
