package io.agentpulse.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command lines that initialise and run PostgreSQL. Pure: builds lists, runs nothing. */
final class PgCommands {
    /**
     * Runs the server in the background and waits for it; a second job waits for EOF on our stdin
     * (fd 3, a copy, since background jobs get /dev/null) and then asks for a fast shutdown
     * (SIGINT). So closing the pipe stops the server, and a parent that dies stops it too.
     * The wrapper's exit code is the server's.
     */
    static final String WRAPPER = "\"$@\" &\n"
            + "pid=$!\n"
            + "exec 3<&0\n"
            + "{ cat <&3 >/dev/null; kill -INT \"$pid\" 2>/dev/null; } &\n"
            + "wait \"$pid\"\n";

    private PgCommands() {
    }

    static List<String> initdb(PgOsUser user, Path binDir, Path pgdata, String superuser, boolean durable) {
        List<String> cmd = new ArrayList<>(user.command(binDir.resolve("initdb").toString(),
                "-D", pgdata.toString(), "-U", superuser, "-A", "trust", "-E", "UTF8", "--no-locale"));
        if (!durable) {
            cmd.add("--no-sync");
        }
        return cmd;
    }

    static List<String> server(PgOsUser user, Path binDir, Path pgdata, int port, PostgresOptions options) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", WRAPPER, "pg-wrapper"));
        cmd.addAll(user.command(binDir.resolve("postgres").toString(), "-D", pgdata.toString(),
                "-p", Integer.toString(port)));
        for (Map.Entry<String, String> setting : settings(options).entrySet()) {
            cmd.add("-c");
            cmd.add(setting.getKey() + "=" + setting.getValue());
        }
        return cmd;
    }

    /** Loopback TCP only (no Unix socket, whose default folder may not exist or be writable). */
    static Map<String, String> settings(PostgresOptions options) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("listen_addresses", Ports.HOST);
        s.put("unix_socket_directories", "");
        // Several modules' pools share one test server: leave room above the default 100.
        s.put("max_connections", "200");
        if (!options.durable()) {
            s.put("fsync", "off");
            s.put("synchronous_commit", "off");
            s.put("full_page_writes", "off");
        }
        s.putAll(options.serverSettings());
        return s;
    }
}
