/**
 * Membership from Consul: {@link io.cachefleet.discovery.consul.ConsulDirectory} watches the
 * healthy instances of the node service with blocking queries and publishes them as
 * {@link io.cachefleet.discovery.Membership}s, through a gate that batches changes and holds
 * answers that would remove too many members at once.
 */
package io.cachefleet.discovery.consul;
