package io.cachefleet.node.command;

import io.cachefleet.node.store.KeyEntry;

/** The string commands. */
final class StringCommands implements CommandFamily {

  @Override
  public void register(CommandRegistry r) {
    r.bind("get", this::get);
    r.bind("set", this::set);
  }

  private void get(Call c) {
    KeyEntry e = c.lookupRead(1);
    c.bulkOrNull(e == null ? null : e.as(byte[].class));
  }

  private void set(Call c) {
    c.ks().set(c.arg(1), c.arg(2), false);
    c.ok();
  }
}
