package io.berth.container.network;

/**
 * An IPv4 subnet in CIDR notation ({@code 172.30.0.0/16}): its addresses, its gateway (the first
 * host address, which the bridge takes) and whether it overlaps another.
 *
 * @param base the network address as an unsigned 32-bit number
 * @param prefix the prefix length, 8 to 30
 */
public record Subnet(int base, int prefix) {

  public Subnet {
    if (prefix < 8 || prefix > 30) {
      throw new IllegalArgumentException("a subnet's prefix must be between 8 and 30: /" + prefix);
    }
    if ((base & ~mask(prefix)) != 0) {
      throw new IllegalArgumentException(
          "invalid subnet " + Subnet.format(base) + "/" + prefix + ": host bits are set");
    }
  }

  /**
   * Parses {@code a.b.c.d/n}.
   *
   * @throws IllegalArgumentException naming the text
   */
  public static Subnet parse(String cidr) {
    String[] parts = cidr.trim().split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("invalid subnet " + cidr + ": expected a.b.c.d/n");
    }
    int prefix;
    try {
      prefix = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid subnet " + cidr + ": bad prefix length");
    }
    return new Subnet(address(parts[0]), prefix);
  }

  /**
   * Parses a dotted IPv4 address into an unsigned 32-bit number.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static int address(String dotted) {
    String[] octets = dotted.trim().split("\\.");
    if (octets.length != 4) {
      throw new IllegalArgumentException("invalid IPv4 address: " + dotted);
    }
    int value = 0;
    for (String octet : octets) {
      int n;
      try {
        n = Integer.parseInt(octet);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid IPv4 address: " + dotted);
      }
      if (n < 0 || n > 255) {
        throw new IllegalArgumentException("invalid IPv4 address: " + dotted);
      }
      value = (value << 8) | n;
    }
    return value;
  }

  /** The dotted form of an unsigned 32-bit address. */
  public static String format(int address) {
    return ((address >>> 24) & 0xff)
        + "."
        + ((address >>> 16) & 0xff)
        + "."
        + ((address >>> 8) & 0xff)
        + "."
        + (address & 0xff);
  }

  static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  /** The gateway: the first host address. */
  public String gateway() {
    return format(base + 1);
  }

  /** The broadcast address: the last one. */
  int broadcast() {
    return base | ~mask(prefix);
  }

  /** Whether the address lies in this subnet. */
  public boolean contains(int address) {
    return (address & mask(prefix)) == base;
  }

  /** Whether the two subnets share an address. */
  public boolean overlaps(Subnet other) {
    int shorter = Math.min(prefix, other.prefix);
    return (base & mask(shorter)) == (other.base & mask(shorter));
  }

  @Override
  public String toString() {
    return format(base) + "/" + prefix;
  }
}
