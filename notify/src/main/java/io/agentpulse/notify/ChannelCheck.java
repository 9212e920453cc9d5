package io.agentpulse.notify;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a channel obeys before it is stored: which settings and secrets each type takes, which are
 * required, and their forms. A violation is an IllegalArgumentException whose message starts with the
 * field ("settings.url: ...") and says why.
 */
public final class ChannelCheck {
    /** The default PagerDuty Events API v2 endpoint; settings.url overrides it (a proxy, a test receiver). */
    public static final String PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,]+@[^@\\s,]+");

    private static final Map<Channel.Type, Set<String>> SETTINGS = Map.of(
            Channel.Type.WEBHOOK, Set.of("url"), Channel.Type.SLACK, Set.of(), Channel.Type.PAGERDUTY, Set.of("url"),
            Channel.Type.EMAIL, Set.of("host", "port", "starttls", "user", "from", "to"));
    private static final Map<Channel.Type, Set<String>> SECRETS = Map.of(
            Channel.Type.WEBHOOK, Set.of("secret"), Channel.Type.SLACK, Set.of("url"), Channel.Type.PAGERDUTY, Set.of("routing_key"),
            Channel.Type.EMAIL, Set.of("password"));

    private ChannelCheck() {}

    public static Set<String> secretKeys(Channel.Type t) {
        return SECRETS.get(t);
    }

    public static void check(Channel c) {
        if (c.id() == null || !ID.matcher(c.id()).matches()) {
            throw new IllegalArgumentException("id: '" + c.id() + "' must be 1 to 64 of a-z, 0-9, '-' and '_', starting with a letter or digit.");
        }
        if (c.name() == null || c.name().isBlank() || c.name().length() > 200) {
            throw new IllegalArgumentException("name: a channel needs a name of 1 to 200 characters.");
        }
        only("settings", c.settings().keySet(), SETTINGS.get(c.type()), c.type());
        only("secrets", c.secrets().keySet(), SECRETS.get(c.type()), c.type());
        switch (c.type()) {
            case WEBHOOK -> url("settings.url", c.settings().get("url"));
            case SLACK -> url("secrets.url", c.secrets().get("url"));
            case PAGERDUTY -> {
                required("secrets.routing_key", c.secrets().get("routing_key"));
                url("settings.url", c.setting("url", PAGERDUTY_URL));
            }
            case EMAIL -> email(c);
        }
    }

    private static void email(Channel c) {
        required("settings.host", c.settings().get("host"));
        String port = c.setting("port", "587");
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("settings.port: '" + port + "' is not a TCP port (1 to 65535).");
        }
        String tls = c.setting("starttls", "true");
        if (!tls.equals("true") && !tls.equals("false")) {
            throw new IllegalArgumentException("settings.starttls: '" + tls + "' must be true or false.");
        }
        address("settings.from", required("settings.from", c.settings().get("from")));
        for (String to : recipients(c)) {
            address("settings.to", to);
        }
        if (recipients(c).isEmpty()) {
            throw new IllegalArgumentException("settings.to: an e-mail channel needs at least one recipient (comma-separated).");
        }
    }

    /** settings.to split on commas, blanks dropped. */
    public static List<String> recipients(Channel c) {
        return Pattern.compile(",").splitAsStream(c.setting("to", "")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void only(String where, Set<String> given, Set<String> allowed, Channel.Type t) {
        for (String k : given) {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(where + "." + k + ": a " + t.wire() + " channel takes no such field; it takes "
                        + (allowed.isEmpty() ? "none" : String.join(", ", allowed.stream().sorted().toList())) + ".");
            }
        }
    }

    private static String required(String field, String v) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + ": is required.");
        }
        return v;
    }

    private static void url(String field, String v) {
        required(field, v);
        try {
            URI u = new URI(v);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException(field + ": must be an http or https URL with a host.");
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(field + ": is not a URL (" + e.getReason() + ").");
        }
    }

    private static void address(String field, String v) {
        if (!ADDRESS.matcher(v).matches()) {
            throw new IllegalArgumentException(field + ": '" + v + "' is not an e-mail address.");
        }
    }
}
