package io.cachefleet.proxy.stats;

/** A backend as the statistics see it, with fixed ejection numbers. */
record TestServer(int id, String name, long ejections, long ejectedAtMicros) implements Server {

  TestServer(int id, String name) {
    this(id, name, 0, 0);
  }

  @Override
  public boolean left() {
    return false;
  }
}
