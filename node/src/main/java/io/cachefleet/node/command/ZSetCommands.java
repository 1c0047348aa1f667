package io.cachefleet.node.command;

/** The zset commands. */
final class ZSetCommands implements CommandFamily {

  @Override
  public void register(CommandRegistry r) {
  }
}
