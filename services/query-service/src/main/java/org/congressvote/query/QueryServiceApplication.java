package org.congressvote.query;

import org.congressvote.web.SharedWebConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The read side: projects the congress events from Kafka into MongoDB and serves attendance, tallies and live views. */
@SpringBootApplication
@Import(SharedWebConfiguration.class)
@EnableScheduling
@EnableConfigurationProperties(QueryServiceProperties.class)
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
