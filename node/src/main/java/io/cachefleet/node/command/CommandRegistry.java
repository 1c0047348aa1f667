package io.cachefleet.node.command;

import io.cachefleet.protocol.CommandSpec;
import io.cachefleet.protocol.CommandTable;

/** Binds handlers to command table entries by full name ({@code "get"}, {@code "client|setname"}). */
final class CommandRegistry {

  private final CommandTable table;
  private final CommandHandler[] handlers;

  CommandRegistry(CommandTable table) {
    this.table = table;
    this.handlers = new CommandHandler[table.size()];
  }

  void bind(String fullName, CommandHandler handler) {
    CommandSpec spec = find(fullName);
    if (handlers[spec.id()] != null) {
      throw new IllegalStateException("command bound twice: " + fullName);
    }
    handlers[spec.id()] = handler;
  }

  private CommandSpec find(String fullName) {
    int bar = fullName.indexOf('|');
    CommandSpec top = table.lookup(bar < 0 ? fullName : fullName.substring(0, bar));
    if (top != null && bar >= 0) {
      for (CommandSpec sub : top.subcommands()) {
        if (sub.fullName().equals(fullName)) {
          return sub;
        }
      }
      top = null;
    }
    if (top == null) {
      throw new IllegalArgumentException("no such command in the table: " + fullName);
    }
    return top;
  }

  CommandHandler[] handlers() {
    return handlers.clone();
  }

  CommandTable table() {
    return table;
  }
}
