package io.cachefleet.discovery.ring;

import io.cachefleet.discovery.Member;
import java.util.List;

/**
 * Twemproxy's modula distribution (src/hashkit/nc_modula.c): one entry per unit of weight, members
 * in list order, and a key goes to entry {@code hash mod entries}, the hash taken unsigned.
 */
final class ModulaContinuum implements Continuum {

  /**
   * Twemproxy allocates one entry per unit of weight; a pool whose weights add up to more than
   * this (64 MiB of entries) is misconfigured, and is refused rather than allocated.
   */
  static final int MAX_TOTAL_WEIGHT = 1 << 24;

  private final int[] owners;

  private ModulaContinuum(int[] owners) {
    this.owners = owners;
  }

  static ModulaContinuum of(List<Member> members) {
    long total = 0;
    for (Member m : members) {
      total += m.weight();
    }
    if (total > MAX_TOTAL_WEIGHT) {
      throw new IllegalArgumentException(
          "modula: the weights add up to " + total + ", more than " + MAX_TOTAL_WEIGHT);
    }
    int[] owners = new int[(int) total];
    int entry = 0;
    for (int member = 0; member < members.size(); member++) {
      for (int w = 0; w < members.get(member).weight(); w++) {
        owners[entry++] = member;
      }
    }
    return new ModulaContinuum(owners);
  }

  @Override
  public int size() {
    return owners.length;
  }

  @Override
  public int position(int hash) {
    return Integer.remainderUnsigned(hash, owners.length);
  }

  @Override
  public int owner(int position) {
    return owners[position];
  }
}
