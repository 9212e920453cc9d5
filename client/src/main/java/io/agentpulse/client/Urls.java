package io.agentpulse.client;

import java.net.URI;

/** Base URLs given by the agent (gateway, registry), checked when the recorder is built. */
final class Urls {
    private Urls() {}

    /**
     * @param what names the URL in the message, e.g. "gateway"
     * @return {@code raw} without trailing slashes
     * @throws IllegalArgumentException unless http(s)://host[:port][/path] without user info (the message never repeats a password)
     */
    static String checked(String what, String raw) {
        URI uri;
        try {
            uri = URI.create(String.valueOf(raw));
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri != null && uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The " + what + " URL contains a user and password, which it does not take"
                    + " (not shown: it holds a password); leave them out of the URL.");
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("The " + what + " URL \"" + raw + "\" is not valid; expected http://host:port or https://host:port.");
        }
        return raw.replaceAll("/+$", "");
    }
}
