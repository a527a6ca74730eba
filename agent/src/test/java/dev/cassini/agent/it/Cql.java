package dev.cassini.agent.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Driver sessions for tests: generous timeouts, since two cores carry several nodes. */
final class Cql {
    /** The application name these sessions announce, which the agent reports with each connection. */
    static final String APPLICATION = "agent-it";

    private Cql() {}

    static CqlSession connect(List<String> addresses, String username, String password) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                .build();
        var builder = CqlSession.builder()
                .withConfigLoader(config)
                .withLocalDatacenter("dc1")
                .withApplicationName(APPLICATION);
        addresses.forEach(a -> builder.addContactPoint(new InetSocketAddress(a, 9042)));
        if (username != null) {
            builder.withAuthCredentials(username, password);
        }
        return builder.build();
    }

    static CqlSession connect(List<String> addresses) {
        return connect(addresses, null, null);
    }
}
