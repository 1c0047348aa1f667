package io.cachefleet.node.command;

/**
 * Runs one command: reads its arguments from the call and writes exactly one reply, or throws a
 * {@link io.cachefleet.protocol.RedisError} before changing anything.
 */
@FunctionalInterface
interface CommandHandler {
  void handle(Call call);
}
