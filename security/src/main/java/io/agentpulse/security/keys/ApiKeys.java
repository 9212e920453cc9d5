package io.agentpulse.security.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The API key format: {@code apk_<id>_<secret>}. The id (12 lower-case base32 characters) is public:
 * it names the key in lists, the audit log and metrics. The secret (32 random bytes, base64url, 43
 * characters) is shown once and stored only as its SHA-256. A plain hash is right here, unlike for
 * passwords: 256 random bits cannot be guessed, so a slow hash would only slow every request.
 */
public final class ApiKeys {
    public static final String PREFIX = "apk_";
    private static final Pattern FORMAT = Pattern.compile("apk_([a-z2-7]{12})_([A-Za-z0-9_-]{43})");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** A fresh key: public id and full token (the token is never stored). */
    public static Parsed generate() {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(BASE32[RANDOM.nextInt(32)]);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String s = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Parsed(id.toString(), s);
    }

    /** The id and secret of a token, or null when it does not have the key format (answer 401, never 500). */
    public static Parsed parse(String token) {
        if (token == null || token.length() != 4 + 12 + 1 + 43) {
            return null;
        }
        var m = FORMAT.matcher(token);
        return m.matches() ? new Parsed(m.group(1), m.group(2)) : null;
    }

    /** Hex SHA-256 of a secret: what the store keeps. */
    public static String hash(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Constant-time comparison of two hex hashes. */
    public static boolean sameHash(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }

    /** A token split into its parts. */
    public record Parsed(String id, String secret) {
        public String token() {
            return PREFIX + id + "_" + secret;
        }

        @Override
        public String toString() {
            return "apk_" + id + "_***";
        }
    }
}
