package io.cachefleet.node.command;

import io.cachefleet.node.store.EvictionPolicy;
import io.cachefleet.protocol.RespLimits;

/**
 * Settings CONFIG SET may change while the node runs. Read and written under the keyspace lock,
 * except {@link #requirePass} and {@link #limits}, which connections read when they open.
 */
final class RuntimeSettings {

  volatile long maxMemory;
  volatile EvictionPolicy policy;
  volatile String requirePass;
  volatile RespLimits limits;
  volatile int hz;
  volatile long timeoutSeconds;
  volatile int maxClients;

  RuntimeSettings(long maxMemory, EvictionPolicy policy, String requirePass, RespLimits limits, int hz, int maxClients) {
    this.maxMemory = maxMemory;
    this.policy = policy;
    this.requirePass = requirePass;
    this.limits = limits;
    this.hz = hz;
    this.maxClients = maxClients;
  }
}
