package io.agentpulse.contract.rule;

/** Wildcard match: '*' any run of characters, '?' one character; everything else literal. */
final class Glob {
    private Glob() {}

    static boolean matches(String pattern, String value) {
        if ("*".equals(pattern)) {
            return true;
        }
        return match(pattern, 0, value, 0);
    }

    private static boolean match(String p, int i, String v, int j) {
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '*') {
                for (int k = j; k <= v.length(); k++) {
                    if (match(p, i + 1, v, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (j >= v.length() || (c != '?' && c != v.charAt(j))) {
                return false;
            }
            i++;
            j++;
        }
        return j == v.length();
    }
}
