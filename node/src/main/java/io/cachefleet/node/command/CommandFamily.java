package io.cachefleet.node.command;

/** A group of commands (strings, hashes, ...) that binds its handlers to command table entries. */
interface CommandFamily {
  void register(CommandRegistry registry);
}
