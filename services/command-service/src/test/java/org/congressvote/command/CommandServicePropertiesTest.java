package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

class CommandServicePropertiesTest {

    @Configuration
    @EnableConfigurationProperties(CommandServiceProperties.class)
    static class OnlyTheProperties {}

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(OnlyTheProperties.class);

    @Test
    void aPublisherBatchNotSmallerThanTheReadersDuplicateWindowStopsTheServiceAtStartUp() {
        context.withPropertyValues("congress.kafka-publisher.batch-size=500").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("congress.kafka-publisher.batch-size (500)")
                    .hasMessageContaining("counted twice");
        });
        context.withPropertyValues(
                        "congress.kafka-publisher.batch-size=500",
                        "congress.kafka-publisher.readers-duplicate-window=2000")
                .run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void aSettingThatCannotWorkStopsTheServiceWithItsName() {
        context.withPropertyValues("congress.audit.chain-grace=0s")
                .run(started -> assertThat(started.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("congress.audit.chain-grace (PT0S) must be longer than zero"));
        context.withPropertyValues("congress.security.card-guesses-per-minute=0")
                .run(started -> assertThat(started.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("congress.security.card-guesses-per-minute (0)"));
    }

    @Test
    void timesAndSizesAreReadWithTheirUnits() {
        context.withPropertyValues(
                        "congress.audit.reissue-flag=2m",
                        "congress.security.session-cache=250ms",
                        "congress.web.max-command=1KB",
                        "congress.pages.query-base=https://hall.example:8082/")
                .run(started -> {
                    CommandServiceProperties properties = started.getBean(CommandServiceProperties.class);
                    assertThat(properties.audit().reissueFlag()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(properties.security().sessionCache()).isEqualTo(Duration.ofMillis(250));
                    assertThat(properties.web().maxCommand()).isEqualTo(DataSize.ofKilobytes(1));
                    assertThat(properties.pages().queryBase()).isEqualTo("https://hall.example:8082");
                    assertThat(properties.security().staffSession()).isEqualTo(Duration.ofHours(12));
                });
    }

    /**
     * Every congress.* key in application.yml is a setting the service reads: a renamed or misspelt key (say the old
     * session-cache-ms) stops this test instead of being silently ignored while the default applies.
     */
    @Test
    void everySettingInApplicationYmlIsOneTheServiceReads() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        BindHandler strict = new NoUnboundElementsBindHandler(BindHandler.DEFAULT);
        CommandServiceProperties properties = new Binder(
                        ConfigurationPropertySources.get(environment),
                        new PropertySourcesPlaceholdersResolver(environment))
                .bind("congress", Bindable.of(CommandServiceProperties.class), strict)
                .get();

        assertThat(properties.kafkaPublisher().batchSize()).isEqualTo(200);
        assertThat(properties.kafkaPublisher().readersDuplicateWindow()).isEqualTo(500);
        assertThat(properties.audit().chainGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.audit().reissueFlag()).isEqualTo(Duration.ofMinutes(15));
        assertThat(properties.logSigning().headInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.eventStore().fetchDelay()).isEqualTo(Duration.ofMillis(100));
    }
}
