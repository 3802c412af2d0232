package org.congressvote.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What an operator on the query-service's host sees: the views' lag behind the topic, live viewers, health details. */
@ExtendWith(RealServers.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@DirtiesContext
class QueryMetricsIntegrationTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.bootstrap-servers", RealServers::kafkaBootstrap);
        registry.add("spring.data.mongodb.uri", () -> RealServers.mongoUri() + "/query-metrics-it");
    }

    @Test
    void prometheusShowsTheViewsLagAndTheLiveViewersToLoopbackCallers() throws Exception {
        String scrape = "";
        for (int i = 0; i < 60 && !scrape.matches("(?s).*\ncongress_view_lag\\{processor=\"views\"} \\d.*"); i++) {
            Thread.sleep(500); // NaN until the processor has claimed its segment
            Answer response = get("/actuator/prometheus");
            assertThat(response.statusCode()).isEqualTo(200);
            scrape = response.body();
        }

        assertThat(scrape).containsPattern("\ncongress_view_lag\\{processor=\"views\"} \\d");
        assertThat(scrape).contains("\ncongress_live_viewers 0.0");
        assertThat(scrape).containsPattern("\ncongress_parked_events \\d");
    }

    @Test
    void loopbackCallersSeeTheHealthDetails() throws Exception {
        Answer health = get("/actuator/health");

        assertThat(health.body()).contains("\"components\"", "\"mongo\"");
    }

    private Answer get(String path) throws Exception {
        return CongressApi.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .build());
    }
}
