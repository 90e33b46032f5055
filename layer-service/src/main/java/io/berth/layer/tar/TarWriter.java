package io.berth.layer.tar;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes deterministic tar entries: POSIX ustar headers, plus a PAX extended header (keys sorted,
 * fixed name and zero times) only when a value does not fit ustar, as Go's {@code archive/tar}
 * does; empty user and group names; whole-second mtimes.
 */
final class TarWriter {

  private static final int BLOCK = TarReader.BLOCK;
  private static final long MAX_OCTAL_7 = 07777777L;
  private static final long MAX_OCTAL_11 = 077777777777L;

  private final OutputStream out;
  private long entryRemaining;
  private long entryPadding;

  TarWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes the header(s) of an entry; then exactly {@code entry.size()} bytes must follow. */
  void putEntry(TarEntry entry) throws IOException {
    if (entryRemaining != 0) {
      throw new IllegalStateException("the previous entry has " + entryRemaining + " bytes left");
    }
    writePadding();
    Map<String, byte[]> pax = new TreeMap<>();
    byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
    byte[] link = entry.linkName().getBytes(StandardCharsets.UTF_8);
    if (name.length > 100 || !ascii(name)) {
      pax.put("path", name);
    }
    if (link.length > 100 || !ascii(link)) {
      pax.put("linkpath", link);
    }
    long mtime = entry.mtime().toInstant().getEpochSecond();
    putIfLarge(pax, "uid", Integer.toUnsignedLong(entry.uid()), MAX_OCTAL_7);
    putIfLarge(pax, "gid", Integer.toUnsignedLong(entry.gid()), MAX_OCTAL_7);
    putIfLarge(pax, "size", entry.size(), MAX_OCTAL_11);
    if (mtime < 0 || mtime > MAX_OCTAL_11) {
      pax.put("mtime", Long.toString(mtime).getBytes(StandardCharsets.US_ASCII));
    }
    for (Map.Entry<String, byte[]> xattr : entry.xattrs().entrySet()) {
      pax.put("SCHILY.xattr." + xattr.getKey(), xattr.getValue());
    }
    if (!pax.isEmpty()) {
      writePax(entry.name(), pax);
    }
    byte[] header = new byte[BLOCK];
    put(header, 0, 100, name);
    octal(header, 100, 8, entry.mode() & 07777);
    octal(header, 108, 8, fits(Integer.toUnsignedLong(entry.uid()), MAX_OCTAL_7));
    octal(header, 116, 8, fits(Integer.toUnsignedLong(entry.gid()), MAX_OCTAL_7));
    octal(header, 124, 12, fits(entry.size(), MAX_OCTAL_11));
    octal(header, 136, 12, mtime < 0 ? 0 : fits(mtime, MAX_OCTAL_11));
    header[156] = (byte) entry.type();
    put(header, 157, 100, link);
    put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    octal(header, 329, 8, fits(entry.devMajor(), MAX_OCTAL_7));
    octal(header, 337, 8, fits(entry.devMinor(), MAX_OCTAL_7));
    checksum(header);
    out.write(header);
    entryRemaining = entry.size();
    entryPadding = (BLOCK - (entry.size() % BLOCK)) % BLOCK;
  }

  void write(byte[] b, int off, int len) throws IOException {
    if (len > entryRemaining) {
      throw new IOException("more content than the entry's size");
    }
    out.write(b, off, len);
    entryRemaining -= len;
  }

  /** Ends the archive with two zero blocks. */
  void finish() throws IOException {
    if (entryRemaining != 0) {
      throw new IOException("the last entry is " + entryRemaining + " bytes short");
    }
    writePadding();
    out.write(new byte[2 * BLOCK]);
    out.flush();
  }

  private void writePadding() throws IOException {
    if (entryPadding > 0) {
      out.write(new byte[(int) entryPadding]);
      entryPadding = 0;
    }
  }

  private void writePax(String entryName, Map<String, byte[]> records) throws IOException {
    java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> record : records.entrySet()) {
      data.writeBytes(paxRecord(record.getKey(), record.getValue()));
    }
    byte[] body = data.toByteArray();
    String base = EntryNames.base(trimSlash(entryName));
    String paxName = "PaxHeaders.0/" + base;
    byte[] header = new byte[BLOCK];
    byte[] nameBytes = paxName.getBytes(StandardCharsets.UTF_8);
    put(header, 0, 100, java.util.Arrays.copyOf(nameBytes, Math.min(nameBytes.length, 99)));
    octal(header, 100, 8, 0644);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, body.length);
    octal(header, 136, 12, 0);
    header[156] = (byte) TarEntry.TYPE_PAX;
    put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    checksum(header);
    out.write(header);
    out.write(body);
    out.write(new byte[(BLOCK - (body.length % BLOCK)) % BLOCK]);
  }

  /** A record's leading length counts the whole record including its own digits. */
  static byte[] paxRecord(String key, byte[] value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int rest = 1 + k.length + 1 + value.length + 1;
    int length = rest + 1;
    while (Integer.toString(length).length() + rest != length) {
      length = Integer.toString(length).length() + rest;
    }
    byte[] record = new byte[length];
    byte[] digits = Integer.toString(length).getBytes(StandardCharsets.US_ASCII);
    int pos = 0;
    System.arraycopy(digits, 0, record, pos, digits.length);
    pos += digits.length;
    record[pos++] = ' ';
    System.arraycopy(k, 0, record, pos, k.length);
    pos += k.length;
    record[pos++] = '=';
    System.arraycopy(value, 0, record, pos, value.length);
    pos += value.length;
    record[pos] = '\n';
    return record;
  }

  private static String trimSlash(String name) {
    return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
  }

  private static void putIfLarge(Map<String, byte[]> pax, String key, long value, long max) {
    if (value > max) {
      pax.put(key, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static long fits(long value, long max) {
    return value > max ? 0 : value;
  }

  private static boolean ascii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static void put(byte[] header, int off, int len, byte[] value) {
    System.arraycopy(value, 0, header, off, Math.min(len, value.length));
  }

  /** {@code len - 1} zero-padded octal digits and a NUL. */
  private static void octal(byte[] header, int off, int len, long value) {
    String digits = Long.toOctalString(value);
    int pad = len - 1 - digits.length();
    for (int i = 0; i < pad; i++) {
      header[off + i] = '0';
    }
    for (int i = 0; i < digits.length(); i++) {
      header[off + pad + i] = (byte) digits.charAt(i);
    }
    header[off + len - 1] = 0;
  }

  private static void checksum(byte[] header) {
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    octal(header, 148, 7, sum);
    header[155] = ' ';
  }
}
