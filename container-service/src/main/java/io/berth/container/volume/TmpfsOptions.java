package io.berth.container.volume;

import io.berth.container.linux.LinuxConstants;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tmpfs mount's options as {@code --tmpfs /run:rw,size=64m,mode=1777} gives them: flags for
 * mount(2) and the data string tmpfs reads. Like Docker, a tmpfs is {@code noexec}, {@code nosuid}
 * and {@code nodev} unless the options say {@code exec}, {@code suid} or {@code dev}.
 *
 * @param flags the {@code MS_*} flags
 * @param data tmpfs's own options ({@code size}, {@code mode}, {@code uid}, {@code gid}, {@code
 *     nr_inodes}, {@code nr_blocks}), comma-separated
 * @see <a href="https://man7.org/linux/man-pages/man5/tmpfs.5.html">tmpfs(5)</a>
 */
public record TmpfsOptions(long flags, String data) {

  private static final Set<String> DATA_KEYS =
      Set.of("size", "mode", "uid", "gid", "nr_inodes", "nr_blocks");

  /**
   * Parses the options after the colon of {@code --tmpfs}.
   *
   * @throws IllegalArgumentException in Docker's words for an option tmpfs does not know
   */
  public static TmpfsOptions parse(String options) {
    long flags = LinuxConstants.MS_NOEXEC | LinuxConstants.MS_NOSUID | LinuxConstants.MS_NODEV;
    List<String> data = new ArrayList<>();
    if (options != null && !options.isBlank()) {
      for (String option : options.split(",")) {
        String o = option.trim();
        switch (o) {
          case "ro" -> flags |= LinuxConstants.MS_RDONLY;
          case "rw" -> flags &= ~LinuxConstants.MS_RDONLY;
          case "exec" -> flags &= ~LinuxConstants.MS_NOEXEC;
          case "noexec" -> flags |= LinuxConstants.MS_NOEXEC;
          case "suid" -> flags &= ~LinuxConstants.MS_NOSUID;
          case "nosuid" -> flags |= LinuxConstants.MS_NOSUID;
          case "dev" -> flags &= ~LinuxConstants.MS_NODEV;
          case "nodev" -> flags |= LinuxConstants.MS_NODEV;
          case "", "private", "rprivate", "atime", "relatime", "strictatime" -> {
            // the defaults of a fresh mount namespace and of the kernel
          }
          case "noatime" -> flags |= LinuxConstants.MS_NOATIME;
          case "sync" -> flags |= LinuxConstants.MS_SYNCHRONOUS;
          default -> {
            int eq = o.indexOf('=');
            if (eq <= 0 || !DATA_KEYS.contains(o.substring(0, eq)) || eq == o.length() - 1) {
              throw new IllegalArgumentException("invalid tmpfs option [\"" + o + "\"]");
            }
            data.add(o);
          }
        }
      }
    }
    return new TmpfsOptions(flags, String.join(",", data));
  }

  /** Whether the container may write to it. */
  public boolean readWrite() {
    return (flags & LinuxConstants.MS_RDONLY) == 0;
  }
}
