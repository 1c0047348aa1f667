package io.cachefleet.protocol;

/**
 * What {@link MemcacheDecoder} emits, in order with the requests around it, for input memcached
 * would refuse: the line memcached answers, without its CRLF, and whether the connection then
 * closes (a command line too long to be one), as memcached closes it.
 *
 * @param reply {@code ERROR}, or {@code CLIENT_ERROR ...} or {@code SERVER_ERROR ...}
 * @param closes whether the server closes the connection after the reply
 */
public record MemcacheError(String reply, boolean closes) {}
