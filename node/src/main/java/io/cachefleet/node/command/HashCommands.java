package io.cachefleet.node.command;

/** The hash commands. */
final class HashCommands implements CommandFamily {

  @Override
  public void register(CommandRegistry r) {
  }
}
