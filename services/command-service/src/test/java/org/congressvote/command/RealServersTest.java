package org.congressvote.command;

import org.congressvote.infra.RealServers;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command-service on the real PostgreSQL and Kafka broker of this test JVM, driven over HTTP: the base of every
 * integration test of the module.
 *
 * <p>Metrics are exported as in production (Spring Boot's tests turn export off unless asked): {@code
 * MetricsIntegrationTest} reads them, and asking here lets it share the one application context of the module's tests
 * instead of starting (and keeping alive, polling, for the rest of the JVM) one of its own.
 */
@ExtendWith(RealServers.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
public abstract class RealServersTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", RealServers::jdbcUrl);
        registry.add("axon.kafka.bootstrap-servers", RealServers::kafkaBootstrap);
        registry.add("CONGRESS_ADMIN_PASSWORD", () -> TestApi.ADMIN_PASSWORD);
        // rounds the tests do not key themselves are keyed 1-of-1 by the server (never in production)
        registry.add("congress.counting.demo-committee", () -> "true");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    private TestApi api;

    /** The HTTP API as the secretariat and the delegates use it. */
    protected TestApi api() {
        if (api == null) {
            api = new TestApi(port);
        }
        return api;
    }
}
