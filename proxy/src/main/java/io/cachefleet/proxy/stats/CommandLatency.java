package io.cachefleet.proxy.stats;

/**
 * The latency of one command over every event loop since the proxy started: how many were
 * answered, and the 50th, 99th and 99.9th percentiles (Redis's default
 * {@code latency-tracking-info-percentiles}) of the time from reading one to its reply being ready.
 *
 * @param command the command's name as Redis prints it: {@code get}, {@code client|id}
 */
public record CommandLatency(String command, long count, long p50Nanos, long p99Nanos, long p999Nanos) {}
