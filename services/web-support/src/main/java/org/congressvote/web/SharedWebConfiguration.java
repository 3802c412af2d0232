package org.congressvote.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What both services' web layers share, registered by importing this ({@code @Import}) in each application. */
@Configuration(proxyBeanMethods = false)
public class SharedWebConfiguration {

    @Bean
    ErrorPathGuard errorPathGuard() {
        return new ErrorPathGuard();
    }

    @Bean
    PathVariableLimits pathVariableLimits() {
        return new PathVariableLimits();
    }
}
