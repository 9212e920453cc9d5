package io.agentpulse.processor.alert.notify;

import java.util.Map;

/** Silence matchers: every matcher's glob ('*', '?') must match the label; a missing label reads "". */
final class Matchers {
    private Matchers() {}

    static boolean match(Map<String, String> matchers, Map<String, String> labels) {
        for (Map.Entry<String, String> m : matchers.entrySet()) {
            if (!glob(m.getValue(), labels.getOrDefault(m.getKey(), ""))) {
                return false;
            }
        }
        return true;
    }

    static boolean glob(String p, String v) {
        String regex = java.util.regex.Pattern.quote(p).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return v.matches(regex);
    }
}
