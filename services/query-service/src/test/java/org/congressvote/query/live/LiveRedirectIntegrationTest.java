package org.congressvote.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With the live port on, a browser that asks the web port for a stream is sent to the live port (307), and the pages'
 * Content-Security-Policy lets them connect there.
 */
@ExtendWith(RealServers.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"congress.live.port=0"})
@DirtiesContext
class LiveRedirectIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    LiveServer liveServer;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.bootstrap-servers", RealServers::kafkaBootstrap);
        registry.add("spring.data.mongodb.uri", () -> RealServers.mongoUri() + "/query-live-redirect-it");
    }

    @Test
    void theWebPortSendsStreamsToTheLivePortAndThePagesMayFollow() throws Exception {
        String live = "http://127.0.0.1:" + liveServer.port();
        Answer asked = CongressApi.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/congresses/hall-7/live"))
                        .build());
        assertThat(asked.statusCode()).isEqualTo(307);
        assertThat(asked.headers().firstValue("Location")).hasValue(live + "/api/congresses/hall-7/live");

        // the shared client does not follow redirects; a browser's EventSource does
        HttpClient browserLike = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<String> followed = browserLike.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/congresses/no-such/live"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(followed.uri().getPort()).isEqualTo(liveServer.port());
        assertThat(followed.statusCode()).isEqualTo(404);
        assertThat(new ObjectMapper().readTree(followed.body()).get("code").asText())
                .isEqualTo("CONGRESS_NOT_FOUND");

        Answer page = CongressApi.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dashboard/"))
                .build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("connect-src 'self' " + live + ";");
    }
}
