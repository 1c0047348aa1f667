package io.cachefleet.discovery.ring;

import io.cachefleet.discovery.Member;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Twemproxy's random distribution (src/hashkit/nc_random.c): one entry per member whatever its
 * weight, and each request picks an entry uniformly at random, ignoring the key.
 */
final class RandomContinuum implements Continuum {

  private final int members;

  private RandomContinuum(int members) {
    this.members = members;
  }

  static RandomContinuum of(List<Member> members) {
    return new RandomContinuum(members.size());
  }

  @Override
  public int size() {
    return members;
  }

  @Override
  public int position(int hash) {
    return ThreadLocalRandom.current().nextInt(members);
  }

  @Override
  public int owner(int position) {
    return position;
  }
}
