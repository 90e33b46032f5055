package io.berth.layer.tar;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads tar entries (ustar, GNU and PAX, see POSIX {@code pax(1)} "pax Interchange Format") from an
 * uncompressed stream.
 *
 * <p>Hand-written rather than commons-compress because PAX values must stay raw bytes: {@code
 * SCHILY.xattr.security.capability} is binary and would not survive decoding to a string. The sizes
 * of PAX and GNU long-name records are capped so a hostile header cannot exhaust memory.
 */
final class TarReader {

  static final int BLOCK = 512;
  private static final int MAX_META_RECORD = 1 << 20;
  private static final String XATTR_PREFIX = "SCHILY.xattr.";

  private final InputStream in;
  private final byte[] header = new byte[BLOCK];
  private final Map<String, byte[]> globalPax = new HashMap<>();
  private long remaining;
  private long padding;
  private long offset;
  private boolean ended;

  TarReader(InputStream in) {
    this.in = in;
  }

  /** The next entry, or null at the end of the archive; skips what was left of the last one. */
  TarEntry next() throws IOException {
    if (ended) {
      return null;
    }
    skipRest();
    Map<String, byte[]> pax = new HashMap<>(globalPax);
    String longName = null;
    String longLink = null;
    while (true) {
      long headerOffset = offset;
      if (!readHeader()) {
        ended = true;
        return null;
      }
      char type = (char) (header[156] & 0xff);
      long size = number(124, 12);
      switch (type) {
        case TarEntry.TYPE_PAX -> pax.putAll(parsePax(readMeta(size, headerOffset)));
        case TarEntry.TYPE_PAX_GLOBAL -> {
          Map<String, byte[]> global = parsePax(readMeta(size, headerOffset));
          globalPax.putAll(global);
          pax.putAll(global);
        }
        case TarEntry.TYPE_GNU_LONG_NAME -> longName = cString(readMeta(size, headerOffset));
        case TarEntry.TYPE_GNU_LONG_LINK -> longLink = cString(readMeta(size, headerOffset));
        case 'S' ->
            throw new IOException(
                "GNU sparse tar entries are not supported (header at offset " + headerOffset + ")");
        default -> {
          TarEntry entry = entry(type, size, pax, longName, longLink);
          remaining = entry.size();
          padding = (BLOCK - (remaining % BLOCK)) % BLOCK;
          return entry;
        }
      }
    }
  }

  /** Reads content of the current entry; -1 at its end. */
  int read(byte[] buffer, int off, int len) throws IOException {
    if (remaining == 0) {
      return -1;
    }
    int n = in.read(buffer, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new EOFException("tar stream ends inside an entry's content");
    }
    remaining -= n;
    offset += n;
    return n;
  }

  private static boolean isRegular(char type) {
    return type == TarEntry.TYPE_REGULAR
        || type == TarEntry.TYPE_REGULAR_OLD
        || type == TarEntry.TYPE_CONTIGUOUS;
  }

  private static boolean knownType(char type) {
    return "01234567\0".indexOf(type) >= 0;
  }

  private void skipRest() throws IOException {
    skipFully(remaining + padding);
    remaining = 0;
    padding = 0;
  }

  private void skipFully(long n) throws IOException {
    byte[] scratch = null;
    while (n > 0) {
      long skipped = in.skip(n);
      if (skipped <= 0) {
        if (scratch == null) {
          scratch = new byte[8192];
        }
        int r = in.read(scratch, 0, (int) Math.min(scratch.length, n));
        if (r < 0) {
          throw new EOFException("tar stream ends inside an entry");
        }
        skipped = r;
      }
      n -= skipped;
      offset += skipped;
    }
  }

  /** Reads one header block; false at an end-of-archive block or at a clean end of stream. */
  private boolean readHeader() throws IOException {
    int n = in.readNBytes(header, 0, BLOCK);
    offset += n;
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("tar stream ends inside a header at offset " + (offset - n));
    }
    if (allZero(header)) {
      return false;
    }
    verifyChecksum(offset - BLOCK);
    return true;
  }

  static boolean allZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private void verifyChecksum(long at) throws IOException {
    long expected;
    try {
      expected = number(148, 8);
    } catch (IOException e) {
      throw new IOException("not a tar stream: unreadable header checksum at offset " + at, e);
    }
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte b = (i >= 148 && i < 156) ? (byte) ' ' : header[i];
      unsigned += b & 0xff;
      signed += b;
    }
    if (expected != unsigned && expected != signed) {
      throw new IOException("not a tar stream: bad header checksum at offset " + at);
    }
  }

  private byte[] readMeta(long size, long at) throws IOException {
    if (size > MAX_META_RECORD) {
      throw new UnsafeArchiveException(
          "header at offset " + at, "PAX or GNU long-name record of " + size + " bytes");
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length < size) {
      throw new EOFException("tar stream ends inside a PAX or GNU record");
    }
    offset += size;
    skipFully((BLOCK - (size % BLOCK)) % BLOCK);
    return data;
  }

  private TarEntry entry(
      char type, long size, Map<String, byte[]> pax, String longName, String longLink)
      throws IOException {
    String name = longName != null ? longName : ustarName();
    String link = longLink != null ? longLink : field(157, 100);
    int uid = (int) number(108, 8);
    int gid = (int) number(116, 8);
    FileTime mtime = FileTime.from(Instant.ofEpochSecond(number(136, 12)));
    FileTime atime = null;
    Map<String, byte[]> xattrs = new HashMap<>();
    for (Map.Entry<String, byte[]> record : pax.entrySet()) {
      String key = record.getKey();
      String value = new String(record.getValue(), StandardCharsets.UTF_8);
      switch (key) {
        case "path" -> name = value;
        case "linkpath" -> link = value;
        case "size" -> size = parseLong(key, value);
        case "uid" -> uid = (int) parseLong(key, value);
        case "gid" -> gid = (int) parseLong(key, value);
        case "mtime" -> mtime = paxTime(value);
        case "atime" -> atime = paxTime(value);
        default -> {
          if (key.startsWith(XATTR_PREFIX)) {
            xattrs.put(key.substring(XATTR_PREFIX.length()), record.getValue());
          } else if (key.startsWith("GNU.sparse.")) {
            throw new IOException("GNU sparse tar entries are not supported: " + name);
          }
        }
      }
    }
    if ((type == TarEntry.TYPE_REGULAR_OLD || type == TarEntry.TYPE_REGULAR)
        && name.endsWith("/")) {
      type = TarEntry.TYPE_DIRECTORY; // pre-POSIX tars mark directories only by the slash
    }
    if (knownType(type) && !isRegular(type)) {
      size = 0; // header-only types carry no data whatever the size field says, as in Go's tar
    }
    return new TarEntry(
        name,
        type,
        (int) (number(100, 8) & 07777),
        uid,
        gid,
        size,
        mtime,
        atime,
        link,
        (int) number(329, 8),
        (int) number(337, 8),
        xattrs);
  }

  /** ustar splits long names into prefix and name; GNU tars use the prefix bytes for times. */
  private String ustarName() {
    String name = field(0, 100);
    boolean posix = header[257] == 'u' && header[262] == 0 && header[263] == '0';
    if (posix && header[345] != 0) {
      return field(345, 155) + "/" + name;
    }
    return name;
  }

  private String field(int off, int len) {
    int end = off;
    while (end < off + len && header[end] != 0) {
      end++;
    }
    return new String(header, off, end - off, StandardCharsets.UTF_8);
  }

  /** Octal (NUL or space padded), or GNU base-256 when the top bit of the first byte is set. */
  private long number(int off, int len) throws IOException {
    if ((header[off] & 0x80) != 0) {
      long value = header[off] & 0x3f;
      if ((header[off] & 0x40) != 0) {
        throw new IOException("negative base-256 number in tar header");
      }
      for (int i = off + 1; i < off + len; i++) {
        if ((value >>> 55) != 0) {
          throw new IOException("base-256 number in tar header does not fit 63 bits");
        }
        value = (value << 8) | (header[i] & 0xff);
      }
      return value;
    }
    long value = 0;
    int i = off;
    int end = off + len;
    while (i < end && (header[i] == ' ' || header[i] == 0)) {
      i++;
    }
    for (; i < end; i++) {
      byte b = header[i];
      if (b == ' ' || b == 0) {
        break;
      }
      if (b < '0' || b > '7') {
        throw new IOException("invalid octal digit in tar header at field offset " + off);
      }
      value = (value << 3) | (b - '0');
    }
    return value;
  }

  private static long parseLong(String key, String value) throws IOException {
    try {
      long n = Long.parseLong(value.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IOException("invalid PAX " + key + " value: " + value);
    }
  }

  private static FileTime paxTime(String value) throws IOException {
    try {
      BigDecimal seconds = new BigDecimal(value.trim());
      long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return FileTime.from(Instant.ofEpochSecond(whole, nanos));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IOException("invalid PAX time: " + value);
    }
  }

  /** Records are {@code "<length> <key>=<value>\n"}, the length counting the whole record. */
  static Map<String, byte[]> parsePax(byte[] data) throws IOException {
    Map<String, byte[]> records = new HashMap<>();
    int pos = 0;
    while (pos < data.length && data[pos] != 0) {
      int space = pos;
      long length = 0;
      while (space < data.length && data[space] >= '0' && data[space] <= '9') {
        length = length * 10 + (data[space] - '0');
        if (length > data.length) {
          throw new IOException("invalid PAX record length");
        }
        space++;
      }
      int end = pos + (int) length;
      if (space == pos || space >= data.length || data[space] != ' ' || end > data.length) {
        throw new IOException("invalid PAX record at byte " + pos);
      }
      if (data[end - 1] != '\n') {
        throw new IOException("PAX record at byte " + pos + " does not end with a newline");
      }
      int equals = space + 1;
      while (equals < end && data[equals] != '=') {
        equals++;
      }
      if (equals >= end) {
        throw new IOException("PAX record at byte " + pos + " has no '='");
      }
      String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
      records.put(key, Arrays.copyOfRange(data, equals + 1, end - 1));
      pos = end;
    }
    return records;
  }

  private static String cString(byte[] data) {
    int end = 0;
    while (end < data.length && data[end] != 0) {
      end++;
    }
    return new String(data, 0, end, StandardCharsets.UTF_8);
  }
}
