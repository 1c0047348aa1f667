/**
 * Key placement, compatible with Twemproxy: key hashes, hash tags, distributions and preference
 * lists.
 *
 * <p>The public surface is small: {@link io.cachefleet.discovery.ring.KeyHash} and its registry
 * {@link io.cachefleet.discovery.ring.KeyHashes}, {@link io.cachefleet.discovery.ring.HashTag},
 * {@link io.cachefleet.discovery.ring.Distribution} and {@link io.cachefleet.discovery.ring.Ring}.
 * As in Twemproxy's src/hashkit/, one package-private class per hash function and one per
 * distribution does the work, behind one interface each.
 *
 * <h2>Ketama</h2>
 * Ketama is the consistent hashing of libmemcached (after Richard Jones' ketama for last.fm), as
 * Twemproxy implements it in src/hashkit/nc_ketama.c ({@code ketama_update},
 * {@code ketama_dispatch}). A user who swaps Twemproxy for cachefleet keeps every key where it was
 * only if every step below matches, so each is copied exactly:
 * <ol>
 *   <li><b>Members.</b> Only the ring's members count, as only Twemproxy's live servers do: the
 *       total weight {@code W} and the count {@code n} are taken over them.</li>
 *   <li><b>Points per member</b> are {@code floor(w / W * 160 / 4 * n) * 4}, computed in 32-bit
 *       float. Twemproxy adds {@code 0.0000000001} to the product before flooring, but that literal
 *       is a double: the product is widened, the sum rounded back to float, and the addend lost.
 *       With 25 equal members the float product is 39.999996, so each gets 156 points, not 160;
 *       50, 100 and many other counts do the same (47, 55, 61, 71, 94, ...). Unequal weights scale
 *       the count: weights 1, 2, 3 give 80, 160 and 240 points.</li>
 *   <li><b>Point values.</b> For {@code k} from 0 to {@code points / 4 - 1}, the MD5 digest of the
 *       string {@code "<name>-<k>"} ({@code k} in decimal, the name in UTF-8) gives four points: its
 *       four 32-bit words, little-endian. The weight never enters the hashed string. Twemproxy
 *       formats that string into an 86-byte buffer yet hashes its untruncated length, so a name for
 *       which it exceeds 85 bytes makes Twemproxy read past its buffer; such names have no
 *       Twemproxy placement to match.</li>
 *   <li><b>Order.</b> Points are sorted by unsigned value. Twemproxy uses {@code qsort} with
 *       {@code ketama_item_cmp}, which calls equal values equal, so C leaves the order of ties
 *       unspecified. glibc's {@code qsort} is a merge sort for arrays this size, hence stable:
 *       ties keep build order (member order, then {@code k}, then word). cachefleet sorts stably
 *       to match it. A tie needs two equal 32-bit MD5 words, so it almost never decides anything;
 *       a Twemproxy linked against musl, whose {@code qsort} is not stable, may differ there.</li>
 *   <li><b>Lookup</b> is a binary search for the first point whose value is at least the key's
 *       hash, unsigned; a hash above the last point wraps to the first point.</li>
 * </ol>
 *
 * <h2>Key hashes</h2>
 * The twelve functions of Twemproxy's {@code hash:} setting, bit for bit, quirks included, each
 * checked against Twemproxy's own test values: {@code fnv1a_64}, the default, is a 32-bit FNV-1a
 * whose 64-bit constants are truncated (offset 0x84222325, prime 0x1b3); {@code crc16} never masks
 * its state to 16 bits; {@code crc32} keeps 15 bits, as libmemcached does; {@code murmur} seeds
 * with {@code 0xdeadbeef * length}. Where Twemproxy reads key bytes as C {@code char}
 * ({@code one_at_a_time}, the FNVs, the last byte of {@code hsieh}'s three-byte tail) they are
 * sign-extended, as on x86 where {@code char} is signed; on ARM Linux {@code char} is unsigned, and
 * a Twemproxy built there places keys holding bytes of 0x80 or more elsewhere. Twemproxy never
 * hashes an empty key: it routes it by hash 0 ({@link
 * io.cachefleet.discovery.ring.HashTag#routingHash}).
 *
 * <h2>Hash tags</h2>
 * A two-character {@code hash_tag} such as {@code "{}"} makes related keys share a member: the
 * part between the first opening character and the first closing character after it is hashed
 * instead of the whole key, unless that part is empty ({@code server_pool_idx} in
 * src/nc_server.c). Only the first opening character is tried.
 *
 * <h2>Modula and random</h2>
 * Modula (nc_modula.c) lays out one entry per unit of weight, members in order, and sends a key to
 * entry {@code hash mod entries}. Random (nc_random.c) has one entry per member whatever its
 * weight and picks one per request, ignoring the key.
 *
 * <h2>Preference lists</h2>
 * A key's preference list is Dynamo's (DeCandia et al., SOSP 2007, §4.3): its owner, then the next
 * distinct members met walking the ring clockwise from the owner's entry, skipping further points
 * of members already listed. When members carry zones the walk is zone-aware, in the spirit of
 * Cassandra's NetworkTopologyStrategy: a first lap takes only members whose zone is not yet in the
 * list (members without a zone always qualify), and when the zones run out a second lap fills the
 * list with the remaining distinct members, clockwise. For modula and random the ring is the
 * continuum itself, so the list is the owner then the members after it in continuum order.
 */
package io.cachefleet.discovery.ring;
