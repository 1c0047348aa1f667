package io.cachefleet.node.command;

/**
 * Redis's glob-style matching ({@code stringmatchlen} in util.c, 7.0.9 and later), for KEYS, SCAN
 * MATCH, PSUBSCRIBE, PUBSUB CHANNELS and CONFIG GET: {@code *}, {@code ?}, {@code [abc]},
 * {@code [^a]}, {@code [a-z]} and backslash escapes.
 *
 * <p>The quirks are Redis's and kept on purpose: an unclosed {@code [} runs to the end of the
 * pattern; a range compares signed bytes, as C's {@code char} does; NOCASE folds ASCII letters
 * only. Two guards bound the work on hostile patterns (CVE-2022-36021): recursion stops at depth
 * 1000, and once the rest of a pattern after a {@code *} matched nowhere in the rest of the
 * string, no earlier {@code *} tries a longer stretch, since that could only start the rest later.
 */
final class Glob {

  private static final int MAX_NESTING = 1000;

  private static final int MATCH = 1;
  private static final int NO_MATCH = 0;
  /** No match, and no enclosing {@code *} can match by consuming more: stop trying. */
  private static final int NO_MATCH_ANYWHERE = -1;

  private Glob() {}

  static boolean matches(byte[] pattern, byte[] string, boolean nocase) {
    return match(pattern, 0, string, 0, nocase, 0) == MATCH;
  }

  /** True when the pattern is a lone {@code *}, which matches everything. */
  static boolean matchesAll(byte[] pattern) {
    return pattern.length == 1 && pattern[0] == '*';
  }

  private static int match(byte[] p, int pi, byte[] s, int si, boolean nocase, int nesting) {
    if (nesting > MAX_NESTING) {
      return NO_MATCH;
    }
    int plen = p.length;
    int slen = s.length;
    while (pi < plen && si < slen) {
      switch (p[pi]) {
        case '*' -> {
          while (pi + 1 < plen && p[pi + 1] == '*') {
            pi++;
          }
          if (pi + 1 == plen) {
            return MATCH;
          }
          for (; si < slen; si++) {
            int r = match(p, pi + 1, s, si, nocase, nesting + 1);
            if (r == MATCH) {
              return MATCH;
            }
            if (r == NO_MATCH_ANYWHERE) {
              return NO_MATCH_ANYWHERE;
            }
          }
          return NO_MATCH_ANYWHERE;
        }
        case '?' -> si++;
        case '[' -> {
          pi = bracket(p, pi + 1, s[si], nocase);
          if (pi < 0) {
            return NO_MATCH;
          }
          si++;
        }
        default -> {
          if (p[pi] == '\\' && pi + 1 < plen) {
            pi++;
          }
          if (!same(p[pi], s[si], nocase)) {
            return NO_MATCH;
          }
          si++;
        }
      }
      pi++;
      if (si == slen) {
        while (pi < plen && p[pi] == '*') {
          pi++;
        }
      }
    }
    return pi == plen && si == slen ? MATCH : NO_MATCH;
  }

  /**
   * Matches {@code c} against the class that starts at {@code pi}, just after its {@code [}.
   *
   * @return the index of the closing {@code ]} (or of the last byte, when unclosed), or -1 when
   *     {@code c} is not in the class
   */
  private static int bracket(byte[] p, int pi, byte c, boolean nocase) {
    int plen = p.length;
    boolean not = pi < plen && p[pi] == '^';
    if (not) {
      pi++;
    }
    boolean found = false;
    for (;; pi++) {
      if (pi < plen && p[pi] == '\\' && pi + 1 < plen) {
        pi++;
        found |= p[pi] == c;
      } else if (pi < plen && p[pi] == ']') {
        break;
      } else if (pi >= plen) {
        pi--;
        break;
      } else if (pi + 2 < plen && p[pi + 1] == '-') {
        int start = p[pi];
        int end = p[pi + 2];
        int ch = c;
        if (start > end) {
          int t = start;
          start = end;
          end = t;
        }
        if (nocase) {
          start = lower(start);
          end = lower(end);
          ch = lower(ch);
        }
        pi += 2;
        found |= ch >= start && ch <= end;
      } else {
        found |= same(p[pi], c, nocase);
      }
    }
    return found != not ? pi : -1;
  }

  private static boolean same(byte a, byte b, boolean nocase) {
    return a == b || (nocase && lower(a) == lower(b));
  }

  /** C's {@code tolower} in the C locale: ASCII letters only. */
  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }
}
