package io.cachefleet.discovery.ring;

import io.cachefleet.discovery.Member;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How a {@link Ring} maps key hashes to members, by Twemproxy's {@code distribution:} names. */
public enum Distribution {

  /** Consistent hashing, placement-compatible with Twemproxy and libmemcached; the default. */
  KETAMA("ketama", KetamaContinuum::of),

  /** {@code hash mod total weight} over one entry per unit of weight. */
  MODULA("modula", ModulaContinuum::of),

  /** A uniformly random member per request, whatever the key; weights are ignored, as in Twemproxy. */
  RANDOM("random", RandomContinuum::of);

  private final String configName;
  private final Function<List<Member>, Continuum> builder;

  Distribution(String configName, Function<List<Member>, Continuum> builder) {
    this.configName = configName;
    this.builder = builder;
  }

  /** The distribution Twemproxy's configuration calls {@code name}. */
  public static Distribution byName(String name) {
    for (Distribution d : values()) {
      if (d.configName.equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("distribution must be one of "
        + Arrays.stream(values()).map(Distribution::configName).collect(Collectors.joining(", "))
        + "; got " + name);
  }

  /** The name in Twemproxy's configuration. */
  public String configName() {
    return configName;
  }

  Continuum build(List<Member> members) {
    return builder.apply(members);
  }
}
