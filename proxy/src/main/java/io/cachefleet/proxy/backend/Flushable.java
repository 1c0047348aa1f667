package io.cachefleet.proxy.backend;

/** A channel owner that buffers writes and flushes them once per event-loop batch; see {@link Loop}. */
public interface Flushable {

  /** Flushes what was written since the last flush. */
  void flushNow();
}
