package io.agentpulse.allinone;

import io.agentpulse.ops.Settings;
import io.agentpulse.ops.Startup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** {@code java -jar all-in-one/target/agentpulse.jar [--demo-agents N] [--no-demo] [--data-dir DIR]}. */
public final class AllInOneMain {
    private AllInOneMain() {}

    /**
     * Every setting of every service, read from {@code environment} and the AGENTPULSE_CONFIG_FILE it names
     * (the environment wins), then the flags; validated before anything starts.
     */
    static AllInOneConfig config(String[] args, Map<String, String> environment) {
        return AllInOneConfig.fromArgs(args, Settings.load(environment));
    }

    public static void main(String[] args) throws Exception {
        Instant t0 = Instant.now();
        AllInOneConfig config;
        try {
            config = config(args, System.getenv());
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(Startup.BAD_SETTING);
            return;
        }
        Startup.run(() -> run(config, t0));
    }

    private static void run(AllInOneConfig config, Instant t0) throws Exception {
        AllInOne app = AllInOne.start(config, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "agentpulse-shutdown"));
        long ms = Duration.between(t0, Instant.now()).toMillis();
        System.out.printf("%nAgent Pulse is running (started in %.1f s).%n", ms / 1000.0);
        System.out.printf("  Dashboard:        %s/%n", app.queryUrl());
        System.out.printf("  Ingest gateway:   %s/v1/events (Authorization: Bearer <ingest key>)%n", app.gatewayUrl());
        System.out.printf("  Kafka:            %s%n", app.bootstrapServers());
        System.out.printf("  Data directory:   %s%n", config.dataDir().toAbsolutePath());
        System.out.printf("  Demo fleet:       %s%n%n", config.demo() ? config.demoAgents() + " agents, ingest key in "
                + config.dataDir().resolve(DemoKey.FILE).toAbsolutePath() : "off");
    }
}
