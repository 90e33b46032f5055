package io.berth.container.network;

import java.util.Set;

/**
 * Picks container addresses in a subnet: the lowest address that is neither the network address,
 * the gateway, the broadcast address nor taken, as Docker's default IPAM hands them out.
 */
public final class IpAllocator {

  private IpAllocator() {}

  /**
   * The lowest free host address.
   *
   * @param subnet the network's subnet
   * @param taken the dotted addresses in use
   * @throws IllegalStateException when the subnet is full
   */
  public static String next(Subnet subnet, Set<String> taken) {
    int first = subnet.base() + 2;
    int last = subnet.broadcast() - 1;
    for (long candidate = Integer.toUnsignedLong(first);
        candidate <= Integer.toUnsignedLong(last);
        candidate++) {
      String address = Subnet.format((int) candidate);
      if (!taken.contains(address)) {
        return address;
      }
    }
    throw new IllegalStateException("no address left in " + subnet);
  }

  /** Docker's MAC address for a container address: {@code 02:42} and the four octets. */
  public static String macFor(String address) {
    int value = Subnet.address(address);
    return String.format(
        "02:42:%02x:%02x:%02x:%02x",
        (value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
  }
}
