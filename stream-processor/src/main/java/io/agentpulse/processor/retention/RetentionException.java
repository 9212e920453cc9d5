package io.agentpulse.processor.retention;

/** The database refused or did not answer a retention step; the job logs it and retries on its next run. */
final class RetentionException extends RuntimeException {
    RetentionException(String message, Throwable cause) {
        super(message, cause);
    }
}
