package org.congressvote.command.web;

import java.io.IOException;
import org.apache.catalina.core.StandardHost;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.web.Problems;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** Refusals made below the controllers (Tomcat, Spring Security's firewall) answer with problems too. */
@Configuration
class WebServerConfig {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            try {
                Problems.write(
                        response,
                        ErrorCode.INVALID_REQUEST,
                        "The request's address is not allowed: it contains encoded or unusual characters.");
            } catch (IOException e) {
                // the client is gone
            }
        };
    }
}
