/**
 * The node's data structures: the keyspace dictionary, expiry, eviction and one value type per
 * Redis data type. Nothing here knows RESP; commands in {@code io.cachefleet.node.command} sit on
 * top. Internal to the node module: not an API.
 *
 * <p>Every structure is guarded by the keyspace lock the command engine holds while a command
 * runs; none is thread-safe on its own.
 */
package io.cachefleet.node.store;
