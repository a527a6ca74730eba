package dev.cassini.agent.metrics;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;

/** CQL sessions for the metrics test and benchmark, which create tens to hundreds of tables. */
public final class MetricsCql {
    private MetricsCql() {}

    /** Schema changes on a busy 2-core machine take longer than the driver's 2 s default. */
    public static CqlSession connect(String address, int port, String datacenter) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(60))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(30))
                .build();
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(address, port))
                .withLocalDatacenter(datacenter)
                .withConfigLoader(config)
                .build();
    }
}
