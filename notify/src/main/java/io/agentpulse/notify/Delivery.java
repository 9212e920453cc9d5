package io.agentpulse.notify;

/**
 * The outcome of one attempt: ok, or an error; status is the HTTP status (null for SMTP and when no
 * answer came). retryable: no answer, 429, 5xx or a temporary SMTP failure; other errors are final.
 */
public record Delivery(boolean ok, boolean retryable, Integer status, String error) {
    public static Delivery http(int status) {
        boolean ok = status >= 200 && status < 300;
        return new Delivery(ok, status == 429 || status >= 500, status, ok ? null : "HTTP " + status);
    }

    public static Delivery failed(boolean retryable, String error) {
        return new Delivery(false, retryable, null, error);
    }
}
