package io.cachefleet.protocol;

import java.util.Map;
import java.util.function.ToIntBiFunction;

/**
 * Redis's own key procedures ({@code get_keys_function} in {@code src/commands/*.json}) for the
 * commands whose key specs cannot find every key: SORT's STORE may come anywhere among its
 * options, and MIGRATE's key list depends on its key argument. Redis asks these when a spec is of
 * an unknown kind or incomplete, as {@code getKeysFromCommandWithSpecs} does; for every other
 * command a contradicted spec means no keys. Ported from Redis 7.0's {@code db.c}.
 */
final class GetKeysProcs {

  /** Each procedure writes key positions into its second argument and returns their count. */
  static final Map<String, ToIntBiFunction<RespCommand, int[]>> BY_COMMAND = Map.of(
      "sort", GetKeysProcs::sort,
      "sort_ro", GetKeysProcs::sortRo,
      "migrate", GetKeysProcs::migrate);

  private GetKeysProcs() {}

  /** {@code sortGetKeys}: the key, and the argument after the last STORE that is not an option's argument. */
  static int sort(RespCommand cmd, int[] out) {
    out[0] = 1;
    int store = 0;
    int argc = cmd.argc();
    for (int i = 2; i < argc; i++) {
      if (is(cmd, i, "limit")) {
        i += 2;
      } else if (is(cmd, i, "store") && i + 1 < argc) {
        store = i + 1;
      } else if (is(cmd, i, "get") || is(cmd, i, "by")) {
        i++;
      }
    }
    if (store == 0) {
      return 1;
    }
    out[1] = store;
    return 2;
  }

  /** {@code sortROGetKeys}: the key. */
  static int sortRo(RespCommand cmd, int[] out) {
    out[0] = 1;
    return 1;
  }

  /**
   * {@code migrateGetKeys}: the key argument, or with the KEYS option the arguments after it; none
   * when both are given. The search for KEYS skips the arguments of AUTH and AUTH2.
   */
  static int migrate(RespCommand cmd, int[] out) {
    int first = 3;
    int num = 1;
    int argc = cmd.argc();
    for (int i = 6; i < argc; i++) {
      if (is(cmd, i, "keys")) {
        if (cmd.argLength(3) > 0) {
          return 0;
        }
        first = i + 1;
        num = argc - first;
        break;
      }
      if (is(cmd, i, "auth")) {
        i++;
      } else if (is(cmd, i, "auth2")) {
        i += 2;
      }
    }
    for (int k = 0; k < num; k++) {
      out[k] = first + k;
    }
    return num;
  }

  private static boolean is(RespCommand cmd, int arg, String lowerWord) {
    return CommandTable.equalsIgnoreCase(cmd.content(), cmd.argIndex(arg), cmd.argLength(arg), lowerWord);
  }
}
