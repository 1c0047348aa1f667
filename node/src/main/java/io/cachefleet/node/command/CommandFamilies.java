package io.cachefleet.node.command;

import java.util.List;

/** The data type families beyond strings and keys, registered by the engine. */
final class CommandFamilies {

  private CommandFamilies() {}

  static List<CommandFamily> dataTypes() {
    return List.of(new HashCommands(), new SetCommands(), new ListCommands(), new ZSetCommands());
  }
}
