package io.cachefleet.protocol;

import java.util.Locale;

/**
 * One of a command's key specifications, as Redis 7 describes them: where the search for keys
 * begins (an index or after a keyword) and how keys are found from there (a range, or a count
 * given by an argument). Evaluated exactly as Redis's {@code getKeysUsingKeySpecs}.
 *
 * @param keyword the keyword in lower case
 * @param notKey Redis's {@code NOT_KEY} flag: the arguments found are not keys (a shard channel)
 * @param incomplete Redis's {@code INCOMPLETE} flag: the spec may miss keys, so once it finds any
 *     Redis asks the command's own key procedure instead
 */
record KeySpec(BeginSearch begin, int index, String keyword, int startFrom,
               FindKeys find, int lastKeyOrKeyNumIndex, int keyStep, int limitOrFirstKey,
               boolean notKey, boolean incomplete) {

  enum BeginSearch { INDEX, KEYWORD, UNKNOWN }

  enum FindKeys { RANGE, KEYNUM, UNKNOWN }

  /**
   * Parses {@code index:1/range:0:1:0}, {@code keyword:STREAMS:1/range:-1:1:2},
   * {@code unknown/unknown}, optionally followed by Redis's flags that change how keys are
   * found: {@code keyword:KEYS:-2/range:-1:1:0/incomplete}, {@code index:1/range:0:1:0/not_key}.
   */
  static KeySpec parse(String text) {
    String[] parts = text.split("/");
    String[] b = parts[0].split(":");
    String[] f = parts[1].split(":");
    BeginSearch begin = BeginSearch.valueOf(b[0].toUpperCase(Locale.ROOT));
    FindKeys find = FindKeys.valueOf(f[0].toUpperCase(Locale.ROOT));
    int index = begin == BeginSearch.INDEX ? Integer.parseInt(b[1]) : 0;
    String keyword = begin == BeginSearch.KEYWORD ? b[1].toLowerCase(Locale.ROOT) : null;
    int startFrom = begin == BeginSearch.KEYWORD ? Integer.parseInt(b[2]) : 0;
    int a = find == FindKeys.UNKNOWN ? 0 : Integer.parseInt(f[1]);
    int s = find == FindKeys.UNKNOWN ? 0 : Integer.parseInt(f[2]);
    int c = find == FindKeys.UNKNOWN ? 0 : Integer.parseInt(f[3]);
    boolean notKey = false;
    boolean incomplete = false;
    if (parts.length > 2) {
      for (String flag : parts[2].split(",")) {
        switch (flag) {
          case "not_key" -> notKey = true;
          case "incomplete" -> incomplete = true;
          default -> throw new IllegalArgumentException("unknown key spec flag " + flag + " in " + text);
        }
      }
    }
    return new KeySpec(begin, index, keyword, startFrom, find, a, s, c, notKey, incomplete);
  }

  /**
   * Appends the argument positions of this spec's keys to {@code out} from {@code count}.
   *
   * @return the new count, or -1 when the spec cannot be trusted for these arguments: they
   *     contradict it (a syntax error the command itself reports), it is of an unknown kind, or
   *     it is incomplete and found keys
   */
  int collect(RespCommand cmd, int[] out, int count) {
    if (notKey) {
      return count;
    }
    int argc = cmd.argc();
    int first;
    switch (begin) {
      case INDEX -> first = index;
      case KEYWORD -> {
        first = findKeyword(cmd, argc);
        if (first == 0) {
          return count;
        }
      }
      default -> {
        return -1;
      }
    }
    int last;
    int step;
    switch (find) {
      case RANGE -> {
        step = keyStep;
        if (lastKeyOrKeyNumIndex >= 0) {
          last = first + lastKeyOrKeyNumIndex;
        } else if (limitOrFirstKey == 0) {
          last = argc + lastKeyOrKeyNumIndex;
        } else {
          last = first + ((argc - first) / limitOrFirstKey + lastKeyOrKeyNumIndex);
        }
      }
      case KEYNUM -> {
        step = keyStep;
        if (lastKeyOrKeyNumIndex >= argc - first) {
          return -1;
        }
        int at = first + lastKeyOrKeyNumIndex;
        long numKeys = RespNumbers.parseLongOrMin(cmd.content(), cmd.argIndex(at), cmd.argLength(at));
        if (numKeys < 0 || numKeys > argc) {
          return -1;
        }
        first += limitOrFirstKey;
        last = first + (int) numKeys - 1;
      }
      default -> {
        return -1;
      }
    }
    if (last >= argc || last < first || first >= argc) {
      return -1;
    }
    for (int i = first; i <= last; i += step) {
      out[count++] = i;
    }
    return incomplete ? -1 : count;
  }

  private int findKeyword(RespCommand cmd, int argc) {
    int start = startFrom > 0 ? startFrom : argc + startFrom;
    int end = startFrom > 0 ? argc - 1 : 0;
    for (int i = start; i != end; i = start <= end ? i + 1 : i - 1) {
      if (i >= argc || i < 1) {
        break;
      }
      if (CommandTable.equalsIgnoreCase(cmd.content(), cmd.argIndex(i), cmd.argLength(i), keyword)) {
        return i + 1;
      }
    }
    return 0;
  }
}
