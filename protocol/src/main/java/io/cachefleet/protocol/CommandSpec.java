package io.cachefleet.protocol;

import java.util.List;
import java.util.function.ToIntBiFunction;

/**
 * What cachefleet knows of one Redis command or subcommand: name, arity, flags, group and where
 * its keys are. Both the node and the proxy learn a command's shape here and nowhere else.
 *
 * <p>{@link #id()} is dense over the whole table, subcommands included, so servers bind handlers
 * in plain arrays indexed by it.
 */
public final class CommandSpec {

  private final int id;
  private final String name;
  private final String fullName;
  private final int arity;
  private final long flags;
  private final int firstKey;
  private final int lastKey;
  private final int keyStep;
  private final String group;
  private final List<KeySpec> keySpecs;
  private final boolean keyless;
  private final ToIntBiFunction<RespCommand, int[]> getKeysProc;
  private final CommandSpec parent;
  private CommandSpec[] subcommands = new CommandSpec[0];
  private ProxyRoute route;

  CommandSpec(int id, String fullName, int arity, long flags, int firstKey, int lastKey, int keyStep,
              String group, List<KeySpec> keySpecs, CommandSpec parent) {
    this.id = id;
    this.fullName = fullName;
    this.name = parent == null ? fullName : fullName.substring(fullName.indexOf('|') + 1);
    this.arity = arity;
    this.flags = flags;
    this.firstKey = firstKey;
    this.lastKey = lastKey;
    this.keyStep = keyStep;
    this.group = group;
    this.keySpecs = List.copyOf(keySpecs);
    this.keyless = keySpecs.stream().allMatch(KeySpec::notKey);
    this.getKeysProc = GetKeysProcs.BY_COMMAND.get(fullName);
    this.parent = parent;
    this.route = keyless ? ProxyRoute.UNSUPPORTED : ProxyRoute.KEYED;
  }

  /** Dense index of this command in its table. */
  public int id() {
    return id;
  }

  /** Lower-case name: {@code "get"}, or {@code "setname"} for the subcommand {@code client|setname}. */
  public String name() {
    return name;
  }

  /** Name as Redis prints it in errors: {@code "get"}, {@code "client|setname"}. */
  public String fullName() {
    return fullName;
  }

  /** Redis arity: exact argument count when positive, minimum count when negative. */
  public int arity() {
    return arity;
  }

  /** True when {@code argc} arguments, the name included, satisfy the arity. */
  public boolean acceptsArgc(int argc) {
    return arity >= 0 ? argc == arity : argc >= -arity;
  }

  public boolean has(CommandFlag flag) {
    return (flags & flag.bit()) != 0;
  }

  public boolean isWrite() {
    return has(CommandFlag.WRITE);
  }

  public int firstKey() {
    return firstKey;
  }

  public int lastKey() {
    return lastKey;
  }

  public int keyStep() {
    return keyStep;
  }

  /** The command's group as Redis documents it: {@code string}, {@code sorted-set}, ... */
  public String group() {
    return group;
  }

  /** The container command for a subcommand, else null. */
  public CommandSpec parent() {
    return parent;
  }

  public boolean hasSubcommands() {
    return subcommands.length > 0;
  }

  public List<CommandSpec> subcommands() {
    return List.of(subcommands);
  }

  /**
   * Finds the subcommand named by bytes in {@code cmd}'s argument {@code arg}, ignoring case,
   * without allocating; null when there is none.
   */
  public CommandSpec subcommand(RespCommand cmd, int arg) {
    for (CommandSpec sub : subcommands) {
      if (CommandTable.equalsIgnoreCase(cmd.content(), cmd.argIndex(arg), cmd.argLength(arg), sub.name)) {
        return sub;
      }
    }
    return null;
  }

  /** How a proxy serves this command; for a container command, look at its subcommand's. */
  public ProxyRoute route() {
    return route;
  }

  void route(ProxyRoute route) {
    this.route = route;
  }

  void addSubcommand(CommandSpec sub) {
    CommandSpec[] grown = java.util.Arrays.copyOf(subcommands, subcommands.length + 1);
    grown[subcommands.length] = sub;
    subcommands = grown;
  }

  /**
   * True when the command takes no keys at all: it has no key specs, or only specs of arguments
   * that are not keys (shard channels), as Redis's {@code doesCommandHaveKeys} decides.
   */
  public boolean isKeyless() {
    return keyless;
  }

  /**
   * Writes the argument positions of {@code cmd}'s keys into {@code out}, which must have room
   * for {@code cmd.argc()} entries, in the order Redis's {@code getKeysFromCommandWithSpecs}
   * finds them: by the key specs, or by Redis's own procedure for SORT and MIGRATE when a spec
   * is unknown or incomplete.
   *
   * @return the number of keys, or -1 when the arguments contradict the key specs (a wrong
   *     {@code numkeys}, say) and Redis finds no key; the command reports the precise error when
   *     it runs
   */
  public int keys(RespCommand cmd, int[] out) {
    int count = 0;
    for (KeySpec spec : keySpecs) {
      count = spec.collect(cmd, out, count);
      if (count < 0) {
        int found = getKeysProc == null ? 0 : getKeysProc.applyAsInt(cmd, out);
        return found > 0 ? found : -1;
      }
    }
    return count;
  }

  @Override
  public String toString() {
    return fullName;
  }
}
