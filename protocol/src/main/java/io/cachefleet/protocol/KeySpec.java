package io.cachefleet.protocol;

/**
 * One of a command's key specifications, as Redis 7 describes them: where the search for keys
 * begins (an index or after a keyword) and how keys are found from there (a range, or a count
 * given by an argument). Evaluated exactly as Redis's {@code getKeysUsingKeySpecs}.
 */
record KeySpec(BeginSearch begin, int index, String keyword, int startFrom,
               FindKeys find, int lastKeyOrKeyNumIndex, int keyStep, int limitOrFirstKey) {

  enum BeginSearch { INDEX, KEYWORD, UNKNOWN }

  enum FindKeys { RANGE, KEYNUM, UNKNOWN }

  /** Parses {@code index:1/range:0:1:0}, {@code keyword:STREAMS:1/range:-1:1:2}, {@code unknown/unknown}. */
  static KeySpec parse(String text) {
    String[] halves = text.split("/");
    String[] b = halves[0].split(":");
    String[] f = halves[1].split(":");
    BeginSearch begin = BeginSearch.valueOf(b[0].toUpperCase(java.util.Locale.ROOT));
    FindKeys find = FindKeys.valueOf(f[0].toUpperCase(java.util.Locale.ROOT));
    int index = begin == BeginSearch.INDEX ? Integer.parseInt(b[1]) : 0;
    String keyword = begin == BeginSearch.KEYWORD ? b[1] : null;
    int startFrom = begin == BeginSearch.KEYWORD ? Integer.parseInt(b[2]) : 0;
    int a = find == FindKeys.UNKNOWN ? 0 : Integer.parseInt(f[1]);
    int s = find == FindKeys.UNKNOWN ? 0 : Integer.parseInt(f[2]);
    int c = find == FindKeys.UNKNOWN ? 0 : Integer.parseInt(f[3]);
    return new KeySpec(begin, index, keyword, startFrom, find, a, s, c);
  }

  /**
   * Appends the argument positions of this spec's keys to {@code out} from {@code count}.
   *
   * @return the new count, or -1 when the arguments contradict the spec (a syntax error the
   *     command itself reports)
   */
  int collect(RespCommand cmd, int[] out, int count) {
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
        return count;
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
        return count;
      }
    }
    if (last >= argc || last < first || first >= argc) {
      return -1;
    }
    for (int i = first; i <= last; i += step) {
      out[count++] = i;
    }
    return count;
  }

  private int findKeyword(RespCommand cmd, int argc) {
    int start = startFrom > 0 ? startFrom : argc + startFrom;
    int end = startFrom > 0 ? argc - 1 : 0;
    for (int i = start; i != end; i = start <= end ? i + 1 : i - 1) {
      if (i >= argc || i < 1) {
        break;
      }
      if (equalsIgnoreCase(cmd, i, keyword)) {
        return i + 1;
      }
    }
    return 0;
  }

  private static boolean equalsIgnoreCase(RespCommand cmd, int arg, String word) {
    if (cmd.argLength(arg) != word.length()) {
      return false;
    }
    int idx = cmd.argIndex(arg);
    for (int k = 0; k < word.length(); k++) {
      if (CommandTable.upper(cmd.content().getByte(idx + k)) != CommandTable.upper((byte) word.charAt(k))) {
        return false;
      }
    }
    return true;
  }
}
