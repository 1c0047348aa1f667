/**
 * Who is in the fleet: members, memberships, the directories that report them, and the topology
 * snapshots built from them.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>A {@link io.cachefleet.discovery.Member} is one memory node. Its {@code name} is its ring
 *       identity, the string ketama hashes; it defaults to Twemproxy's server identity
 *       ({@code host:port}, or {@code host} alone on port 11211) so a fleet moved from Twemproxy
 *       keeps its placement. Its {@code zone} is its failure domain, which preference lists spread
 *       replicas across.</li>
 *   <li>A {@link io.cachefleet.discovery.Membership} is the list of members at one version, names
 *       unique, order significant (modula fills its continuum in it).</li>
 *   <li>A {@link io.cachefleet.discovery.NodeDirectory} reports the current membership and every
 *       later one: {@link io.cachefleet.discovery.StaticNodeDirectory} for a list fixed in
 *       configuration, Consul for a live fleet.</li>
 *   <li>A {@link io.cachefleet.discovery.Topology} pairs a membership with the
 *       {@link io.cachefleet.discovery.ring.Ring} built over it.</li>
 * </ul>
 *
 * <h2>Snapshots, not locks</h2>
 * Every type here is immutable. A proxy or node keeps its topology in one volatile field and
 * replaces it whole when the directory reports a change; a request reads the field once and routes
 * against that snapshot to the end, so routing takes no lock and never sees half a change.
 */
package io.cachefleet.discovery;
