package io.cachefleet.node.command;

/**
 * Redis's glob-style matching ({@code stringmatchlen} in util.c): {@code * ? [abc] [^a] [a-z]}
 * and backslash escapes, for KEYS, SCAN MATCH, PSUBSCRIBE and CONFIG GET.
 */
final class Glob {

  private Glob() {}

  static boolean matches(byte[] pattern, byte[] string, boolean nocase) {
    return match(pattern, 0, string, 0, nocase, 0);
  }

  /** True when the pattern is a lone {@code *}, which matches everything. */
  static boolean matchesAll(byte[] pattern) {
    return pattern.length == 1 && pattern[0] == '*';
  }

  private static boolean match(byte[] p, int pi, byte[] s, int si, boolean nocase, int depth) {
    if (depth > 1000) {
      return false;
    }
    while (pi < p.length && si < s.length) {
      switch (p[pi]) {
        case '*' -> {
          while (pi + 1 < p.length && p[pi + 1] == '*') {
            pi++;
          }
          if (pi + 1 == p.length) {
            return true;
          }
          for (int k = si; k <= s.length; k++) {
            if (match(p, pi + 1, s, k, nocase, depth + 1)) {
              return true;
            }
          }
          return false;
        }
        case '?' -> si++;
        case '[' -> {
          pi++;
          boolean not = pi < p.length && p[pi] == '^';
          if (not) {
            pi++;
          }
          boolean found = false;
          for (;;) {
            if (pi >= p.length) {
              pi--;
              break;
            }
            if (p[pi] == '\\' && pi + 1 < p.length) {
              pi++;
              if (p[pi] == s[si]) {
                found = true;
              }
            } else if (p[pi] == ']') {
              break;
            } else if (pi + 2 < p.length && p[pi + 1] == '-') {
              int start = p[pi] & 0xff;
              int end = p[pi + 2] & 0xff;
              int c = s[si] & 0xff;
              if (start > end) {
                int t = start;
                start = end;
                end = t;
              }
              if (nocase) {
                start = Character.toLowerCase(start);
                end = Character.toLowerCase(end);
                c = Character.toLowerCase(c);
              }
              pi += 2;
              if (c >= start && c <= end) {
                found = true;
              }
            } else if (same(p[pi], s[si], nocase)) {
              found = true;
            }
            pi++;
          }
          if (not) {
            found = !found;
          }
          if (!found) {
            return false;
          }
          si++;
        }
        case '\\' -> {
          if (pi + 1 < p.length) {
            pi++;
          }
          if (!same(p[pi], s[si], nocase)) {
            return false;
          }
          si++;
        }
        default -> {
          if (!same(p[pi], s[si], nocase)) {
            return false;
          }
          si++;
        }
      }
      pi++;
      if (si == s.length) {
        while (pi < p.length && p[pi] == '*') {
          pi++;
        }
        break;
      }
    }
    if (si == s.length) {
      while (pi < p.length && p[pi] == '*') {
        pi++;
      }
    }
    return pi == p.length && si == s.length;
  }

  private static boolean same(byte a, byte b, boolean nocase) {
    return a == b || (nocase && Character.toLowerCase(a & 0xff) == Character.toLowerCase(b & 0xff));
  }
}
