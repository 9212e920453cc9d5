package io.agentpulse.ops;

/**
 * How every {@code *Main} starts: a wrong setting ends the process with exit code 2 and its
 * full-sentence message alone on standard error (no stack trace to dig through); anything else
 * propagates as before. The ConfigException may arrive wrapped (a failed Future, a completion
 * exception), so the cause chain is searched.
 */
public final class Startup {
    /** Exit code for a setting the service cannot run with (as the all-in-one has always used). */
    public static final int BAD_SETTING = 2;

    /** The body of a main method. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private Startup() {}

    public static void run(Body body) throws Exception {
        try {
            body.run();
        } catch (Exception e) {
            ConfigException bad = badSetting(e);
            if (bad == null) {
                throw e;
            }
            System.err.println(bad.getMessage());
            System.exit(BAD_SETTING);
        }
    }

    /** The ConfigException in {@code e}'s cause chain, or null. */
    static ConfigException badSetting(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
