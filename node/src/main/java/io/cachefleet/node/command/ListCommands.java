package io.cachefleet.node.command;

/** The list commands. */
final class ListCommands implements CommandFamily {

  @Override
  public void register(CommandRegistry r) {
  }
}
