package io.berth.image.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** COPY source globs: Go's filepath.Match, cases after Go's path/filepath match_test.go. */
class GlobsTest {

  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = 0,
      value = {
        "abc|abc|true",
        "*|abc|true",
        "*c|abc|true",
        "a*|a|true",
        "a*|abc|true",
        "a*|ab/c|false",
        "a*/b|abc/b|true",
        "a*/b|a/c/b|false",
        "a*b*c*d*e*/f|axbxcxdxe/f|true",
        "a*b*c*d*e*/f|axbxcxdxexxx/f|true",
        "a*b*c*d*e*/f|axbxcxdxe/xxx/f|false",
        "a*b*c*d*e*/f|axbxcxdxexxx/fff|false",
        "a*b?c*x|abxbbxdbxebxczzx|true",
        "a*b?c*x|abxbbxdbxebxczzy|false",
        "ab[c]|abc|true",
        "ab[b-d]|abc|true",
        "ab[e-g]|abc|false",
        "ab[^c]|abc|false",
        "ab[^b-d]|abc|false",
        "ab[^e-g]|abc|true",
        "a\\*b|a*b|true",
        "a\\*b|ab|false",
        "a?b|a☺b|true",
        "a[^a]b|a☺b|true",
        "a???b|a☺b|false",
        "a[^a][^a][^a]b|a☺b|false",
        "[a-ζ]*|α|true",
        "*[a-ζ]|A|false",
        "a?b|a/b|false",
        "a*b|a/b|false",
        "[\\]a]|]|true",
        "[\\-]|-|true",
        "[x\\-]|x|true",
        "[x\\-]|-|true",
        "[x\\-]|z|false",
        "[\\-x]|x|true",
        "[\\-x]|a|false",
        "[]a]|]|false",
        "[-]|-|false",
        "[x-]|x|false",
        "[a-b-c]|a|false",
        "[|a|false",
        "[^|a|false",
        "[^bc|a|false",
        "a[|a|false",
        "a[|ab|false",
        "*x|xxx|true",
        "src/*.go|src/main.go|true",
        "src/*.go|src/pkg/main.go|false",
        "*/*.txt|a/b.txt|true",
        "[ab]/x|b/x|true",
        "a[/]b|a/b|true",
      })
  void matchesAsGoDoes(String pattern, String path, boolean matches) {
    assertThat(Globs.match(pattern, path)).isEqualTo(matches);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = 0,
      value = {
        "plain/file.txt|false",
        "*.go|true",
        "file?.txt|true",
        "[ab].txt|true",
        "a\\*b|false",
        "a\\\\*b|true",
        "dir/|false",
      })
  void findsWildcardsAsTheClassicBuilderDoes(String source, boolean meta) {
    assertThat(Globs.hasMeta(source)).isEqualTo(meta);
  }
}
