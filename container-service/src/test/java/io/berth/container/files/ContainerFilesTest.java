package io.berth.container.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerFilesTest {

  private static final Instant WHEN = Instant.parse("2020-01-02T03:04:05.120Z");
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  @TempDir Path temp;
  private Path root;
  private Path sentinel;
  private final ContainerFiles files = new ContainerFiles("c0ffee");

  @BeforeEach
  void rootWithEtcAndASentinelOutside() throws IOException {
    root = Files.createDirectory(temp.resolve("root"));
    Path etc = Files.createDirectory(root.resolve("etc"));
    Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path hostname = Files.writeString(etc.resolve("hostname"), "c0ffee\n");
    Files.setPosixFilePermissions(hostname, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setLastModifiedTime(hostname, FileTime.from(WHEN));
    Files.createDirectory(etc.resolve("sub"));
    Files.writeString(etc.resolve("sub/deep"), "deep");
    Files.createSymbolicLink(etc.resolve("mtab"), Path.of("/proc/mounts"));
    Path outside = Files.createDirectory(temp.resolve("outside"));
    sentinel = Files.writeString(outside.resolve("sentinel"), "untouched");
  }

  // --- stat ---

  @Test
  void statOfAFileGivesItsNameSizeModeAndMtime() {
    PathStat stat = files.stat(root, "/etc/hostname");

    assertThat(stat).isEqualTo(new PathStat("hostname", 7, 0644, WHEN, ""));
  }

  @Test
  void statOfADirectoryCarriesGosModeDirBit() {
    PathStat stat = files.stat(root, "etc");

    assertThat(stat.name()).isEqualTo("etc");
    assertThat(stat.mode()).isEqualTo((1L << 31) | 0755);
    assertThat(stat.isDirectory()).isTrue();
  }

  @Test
  void statOfASymlinkDoesNotFollowItAndResolvesItsTargetInScope() throws IOException {
    Files.createSymbolicLink(root.resolve("escape"), Path.of("../../../outside/sentinel"));

    PathStat stat = files.stat(root, "/escape");

    assertThat(stat.isSymlink()).isTrue();
    assertThat(stat.mode()).isEqualTo((1L << 27) | 0777);
    assertThat(stat.linkTarget()).isEqualTo("/outside/sentinel");
    assertThat(files.stat(root, "/etc/mtab").linkTarget()).isEqualTo("/proc/mounts");
  }

  @Test
  void aTrailingSlashFollowsTheFinalLink() throws IOException {
    Files.createSymbolicLink(root.resolve("config"), Path.of("etc"));

    assertThat(files.stat(root, "/config").isSymlink()).isTrue();
    assertThat(files.stat(root, "/config/").isDirectory()).isTrue();
    assertThat(files.stat(root, "/config/hostname").size()).isEqualTo(7);
  }

  @Test
  void statOfAMissingPathIsDockersNotFound() {
    assertThatThrownBy(() -> files.stat(root, "/nope/x"))
        .isInstanceOfSatisfying(
            ContainerFilesException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessage("Could not find the file /nope/x in container c0ffee");
    assertThatThrownBy(() -> files.stat(root, "/etc/hostname/x"))
        .hasMessage("Could not find the file /etc/hostname/x in container c0ffee");
  }

  @Test
  void dotDotIsClampedAtTheRoot() {
    assertThat(files.stat(root, "/../../../etc/hostname").size()).isEqualTo(7);
    assertThat(files.stat(root, "/").name()).isEqualTo("/");
  }

  @Test
  void theHeaderIsBase64OfDockersJson() {
    String header = files.stat(root, "/etc/hostname").toHeaderValue();

    String json = new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"name\":\"hostname\",\"size\":7,\"mode\":420,"
                + "\"mtime\":\"2020-01-02T03:04:05.12Z\",\"linkTarget\":\"\"}");
  }

  // --- archive ---

  @Test
  void aFileIsArchivedUnderItsBaseName() throws IOException {
    Map<String, Tars.Entry> entries = Tars.read(archive("/etc/hostname"));

    assertThat(entries).containsOnlyKeys("hostname");
    Tars.Entry hostname = entries.get("hostname");
    assertThat(hostname.content()).isEqualTo("c0ffee\n");
    assertThat(hostname.header().getMode()).isEqualTo(0644);
    assertThat(hostname.header().getLastModifiedTime().toInstant())
        .isEqualTo(Instant.parse("2020-01-02T03:04:05Z"));
  }

  @Test
  void aDirectoryIsArchivedUnderItsNameInLexicalOrderWithLinksKept() throws IOException {
    Map<String, Tars.Entry> entries = Tars.read(archive("/etc"));

    assertThat(entries.keySet())
        .containsExactly("etc/", "etc/hostname", "etc/mtab", "etc/sub/", "etc/sub/deep");
    assertThat(entries.get("etc/").header().getMode()).isEqualTo(0755);
    assertThat(entries.get("etc/mtab").header().isSymbolicLink()).isTrue();
    assertThat(entries.get("etc/mtab").header().getLinkName()).isEqualTo("/proc/mounts");
  }

  @Test
  void aTrailingDotArchivesTheContents() throws IOException {
    assertThat(Tars.names(archive("/etc/sub/."))).containsExactly("./", "./deep");
  }

  @Test
  void aSymlinkIsArchivedAsALink() throws IOException {
    Files.createSymbolicLink(root.resolve("escape"), Path.of("/../outside"));

    Map<String, Tars.Entry> entries = Tars.read(archive("/escape"));

    assertThat(entries).containsOnlyKeys("escape");
    assertThat(entries.get("escape").header().getLinkName()).isEqualTo("/../outside");
  }

  @Test
  void longNamesSurviveARoundTrip() throws IOException {
    String longName = "d".repeat(120) + "/" + "f".repeat(150);
    Files.createDirectories(root.resolve("etc/sub").resolve(longName).getParent());
    Files.writeString(root.resolve("etc/sub").resolve(longName), "long");

    assertThat(Tars.names(archive("/etc/sub"))).contains("sub/" + longName);
  }

  @Test
  void archiveOfAMissingPathIsNotFound() {
    assertThatThrownBy(() -> archive("/missing"))
        .hasMessage("Could not find the file /missing in container c0ffee");
  }

  // --- extract ---

  @Test
  void anArchivedTreeExtractsToTheSameTree() throws IOException {
    Files.setPosixFilePermissions(
        root.resolve("etc/sub/deep"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.createDirectory(root.resolve("copy"));

    files.extractArchive(
        root, "/copy", new java.io.ByteArrayInputStream(archive("/etc")), false, true);

    Path copy = root.resolve("copy/etc");
    assertThat(copy.resolve("hostname")).hasContent("c0ffee\n");
    assertThat(copy.resolve("sub/deep")).hasContent("deep");
    assertThat(Files.getPosixFilePermissions(copy.resolve("sub/deep")))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    assertThat(Files.readSymbolicLink(copy.resolve("mtab"))).isEqualTo(Path.of("/proc/mounts"));
    assertThat(Files.getLastModifiedTime(copy.resolve("hostname")).toInstant())
        .isEqualTo(Instant.parse("2020-01-02T03:04:05Z"));
    assertThat(files.stat(root, "/copy/etc").mode()).isEqualTo(files.stat(root, "/etc").mode());
    assertThat(Files.getLastModifiedTime(copy).toInstant())
        .isEqualTo(
            Instant.ofEpochSecond(
                Files.getLastModifiedTime(root.resolve("etc")).toInstant().getEpochSecond()));
  }

  @Test
  void extractingIntoAMissingDirectoryIsNotFound() {
    assertThatThrownBy(() -> extract("/nope", Tars.builder().file("a", "a")))
        .isInstanceOfSatisfying(
            ContainerFilesException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessage("Could not find the file /nope in container c0ffee");
  }

  @Test
  void extractingIntoAFileIsRefused() {
    assertThatThrownBy(() -> extract("/etc/hostname", Tars.builder().file("a", "a")))
        .isInstanceOfSatisfying(
            ContainerFilesException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessage("extraction point is not a directory");
  }

  @Test
  void aDestinationLinkToADirectoryIsFollowedInScope() throws IOException {
    Files.createSymbolicLink(root.resolve("conf"), Path.of("/../../etc"));

    extract("/conf", Tars.builder().file("new", "n"));

    assertThat(root.resolve("etc/new")).hasContent("n");
  }

  @Test
  void entriesThroughAnAbsoluteLinkToSlashLandInsideTheRoot() throws IOException {
    Path outside = sentinel.getParent();
    Files.createDirectory(root.resolve("outside"));
    Files.createSymbolicLink(root.resolve("host"), Path.of("/"));

    extract("/", Tars.builder().file("host/outside/sentinel", "overwritten"));

    assertThat(sentinel).hasContent("untouched");
    assertThat(root.resolve("outside/sentinel")).hasContent("overwritten");
    assertThat(outside).isDirectory();
  }

  @Test
  void entriesThroughARelativeLinkClimbingOutLandInsideTheRoot() throws IOException {
    Files.createSymbolicLink(root.resolve("etc/up"), Path.of("../../../../outside"));

    extract("/etc", Tars.builder().file("up/sentinel", "overwritten"));

    assertThat(sentinel).hasContent("untouched");
    assertThat(root.resolve("outside/sentinel")).hasContent("overwritten");
  }

  @Test
  void aLinkPlantedByTheArchiveItselfLeadsBackIntoTheRoot() throws IOException {
    extract("/", Tars.builder().symlink("evil", "/").file("evil/outside/sentinel", "overwritten"));

    assertThat(sentinel).hasContent("untouched");
    assertThat(root.resolve("outside/sentinel")).hasContent("overwritten");
    assertThat(Files.isSymbolicLink(root.resolve("evil"))).isTrue();
  }

  @Test
  void aFinalComponentThatIsALinkIsReplacedNotWrittenThrough() throws IOException {
    Files.createSymbolicLink(root.resolve("etc/target"), sentinel); // a host path, as planted

    extract("/etc", Tars.builder().file("target", "replaced"));

    assertThat(sentinel).hasContent("untouched");
    assertThat(Files.isSymbolicLink(root.resolve("etc/target"))).isFalse();
    assertThat(root.resolve("etc/target")).hasContent("replaced");
  }

  @Test
  void dotDotEntriesThatLeaveTheDestinationAreRefused() {
    for (String name : new String[] {"../outside/sentinel", "a/../../x", ".."}) {
      assertThatThrownBy(() -> extract("/etc", Tars.builder().file(name, "overwritten")))
          .isInstanceOfSatisfying(
              ContainerFilesException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
          .hasMessage("\"" + name + "\" is outside of \"/etc\"");
    }
    assertThat(sentinel).hasContent("untouched");
    assertThat(root.resolve("x")).doesNotExist();
  }

  @Test
  void dotDotThatStaysInsideIsCleaned() throws IOException {
    extract("/etc", Tars.builder().file("sub/../inside", "ok"));

    assertThat(root.resolve("etc/inside")).hasContent("ok");
  }

  @Test
  void absoluteNamesAreRelativeToTheDestination() throws IOException {
    extract("/etc", Tars.builder().file("/abs/file", "abs"));

    assertThat(root.resolve("etc/abs/file")).hasContent("abs");
    assertThat(root.resolve("abs")).doesNotExist();
  }

  @Test
  void aSymlinkEntryPointingOutOfTheDestinationIsRefusedAsDockerDoes() {
    assertThatThrownBy(() -> extract("/etc", Tars.builder().symlink("l", "../../x")))
        .hasMessage("invalid symlink \"/etc/l\" -> \"../../x\"");
  }

  @Test
  void hardLinksPointIntoTheDestination() throws IOException {
    extract("/etc", Tars.builder().file("a", "same").hardlink("b", "a"));

    assertThat(root.resolve("etc/b")).hasContent("same");
    assertThat(Files.isSameFile(root.resolve("etc/a"), root.resolve("etc/b"))).isTrue();
    assertThatThrownBy(
            () -> extract("/etc", Tars.builder().hardlink("c", "../../outside/sentinel")))
        .hasMessageStartingWith("invalid hardlink");
  }

  @Test
  void devicesAreRefused() {
    assertThatThrownBy(() -> extract("/", Tars.builder().charDevice("dev/null2")))
        .isInstanceOfSatisfying(
            ContainerFilesException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThat(root.resolve("dev/null2")).doesNotExist();
  }

  @Test
  void ownersBecomeRootUnlessCopyUidGidKeepsThem() throws IOException {
    RootOnly.assumeRoot();
    Tars owned = Tars.builder().file("owned", "x", 04755, 1234, 5678);

    extract("/etc", owned);
    assertThat(Files.getAttribute(root.resolve("etc/owned"), "unix:uid")).isEqualTo(0);
    assertThat(Files.getAttribute(root.resolve("etc/owned"), "unix:gid")).isEqualTo(0);

    files.extractArchive(
        root, "/etc", Tars.builder().file("owned", "x", 04755, 1234, 5678).stream(), false, true);
    assertThat(Files.getAttribute(root.resolve("etc/owned"), "unix:uid")).isEqualTo(1234);
    assertThat(Files.getAttribute(root.resolve("etc/owned"), "unix:gid")).isEqualTo(5678);
    assertThat((int) Files.getAttribute(root.resolve("etc/owned"), "unix:mode") & 07777)
        .isEqualTo(04755);
  }

  @Test
  void noOverwriteDirNonDirRefusesToSwapADirectoryAndAFile() throws IOException {
    assertThatThrownBy(
            () ->
                files.extractArchive(
                    root, "/etc", Tars.builder().file("sub", "file").stream(), true, false))
        .isInstanceOfSatisfying(
            ContainerFilesException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
        .hasMessage("cannot overwrite directory \"/etc/sub\" with non-directory \"/etc\"");
    assertThatThrownBy(
            () ->
                files.extractArchive(
                    root, "/etc", Tars.builder().dir("hostname").stream(), true, false))
        .hasMessage("cannot overwrite non-directory \"/etc/hostname\" with directory \"/etc\"");

    extract("/etc", Tars.builder().file("sub", "file"));
    assertThat(root.resolve("etc/sub")).hasContent("file");
  }

  @Test
  void anEntryBelowAnExistingFileIsRefused() {
    for (String name : new String[] {"hostname/x", "hostname/x/y"}) {
      assertThatThrownBy(() -> extract("/etc", Tars.builder().file(name, "x")))
          .isInstanceOfSatisfying(
              ContainerFilesException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION));
    }
    assertThat(root.resolve("etc/hostname")).hasContent("c0ffee\n");
  }

  @Test
  void anExistingDirectoryIsMergedInto() throws IOException {
    extract("/", Tars.builder().dir("etc").file("etc/added", "a"));

    assertThat(root.resolve("etc/added")).hasContent("a");
    assertThat(root.resolve("etc/hostname")).hasContent("c0ffee\n");
    assertThat(Files.isDirectory(root.resolve("etc"), NOFOLLOW)).isTrue();
  }

  private byte[] archive(String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    files.writeArchive(root, path, out);
    return out.toByteArray();
  }

  private void extract(String path, Tars tar) throws IOException {
    files.extractArchive(root, path, tar.stream(), false, false);
  }
}
