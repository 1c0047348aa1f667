/**
 * The node's commands: one family class per Redis data type or concern, each binding command
 * table entries to methods, over the structures in {@code io.cachefleet.node.store}. The
 * {@link io.cachefleet.node.command.CommandEngine} checks arity, authentication, transactions and
 * memory centrally before a handler runs. Internal to the node module: not an API.
 */
package io.cachefleet.node.command;
