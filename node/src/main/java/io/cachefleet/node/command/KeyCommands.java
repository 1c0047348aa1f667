package io.cachefleet.node.command;

/** Commands on keys of any type: DEL, EXISTS, EXPIRE, TTL, RENAME, SCAN, ... */
final class KeyCommands implements CommandFamily {

  @Override
  public void register(CommandRegistry r) {
  }
}
