package io.cachefleet.node.command;

/** The set commands. */
final class SetCommands implements CommandFamily {

  @Override
  public void register(CommandRegistry r) {
  }
}
