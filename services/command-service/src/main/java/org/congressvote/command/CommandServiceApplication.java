package org.congressvote.command;

import org.congressvote.web.SharedWebConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** The write side: decides every command against the rules and stores the resulting events in PostgreSQL. */
@SpringBootApplication
@Import(SharedWebConfiguration.class)
@EnableConfigurationProperties(CommandServiceProperties.class)
public class CommandServiceApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
