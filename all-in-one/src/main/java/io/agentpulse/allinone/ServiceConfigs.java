package io.agentpulse.allinone;

import io.agentpulse.ingest.gateway.GatewayConfig;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.query.QueryConfig;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The typed configuration of each service the all-in-one runs, each built by the service's own
 * {@code fromEnv} (the same code its standalone *Main runs) from one map: the operator's settings with
 * the embedded servers' addresses filled in ({@link AllInOneConfig#serviceEnv}).
 */
public record ServiceConfigs(ProcessorConfig processor, GatewayConfig gateway, QueryConfig query) {

    /** Every service's configuration; the first bad setting is a ConfigException naming it. */
    static ServiceConfigs build(Map<String, String> serviceEnv) {
        return new ServiceConfigs(ProcessorConfig.fromEnv(serviceEnv), GatewayConfig.fromEnv(serviceEnv),
                QueryConfig.fromEnv(serviceEnv));
    }

    /** The AGENTPULSE_* variables the three configurations read. */
    static Set<String> variables() {
        Set<String> all = new TreeSet<>(ProcessorConfig.variables());
        all.addAll(GatewayConfig.variables());
        all.addAll(QueryConfig.variables());
        return all;
    }
}
