package org.congressvote.query.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The views are public: any page may read them with GET, in particular the pages the command-service serves from
 * another origin. No credentials travel (the query-service has none), so any origin is allowed.
 */
@Configuration(proxyBeanMethods = false)
class CrossOriginReads implements WebMvcConfigurer {

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/api/**")
                .allowedOrigins("*")
                .allowedMethods("GET", "HEAD")
                .allowCredentials(false)
                .maxAge(3600);
    }
}
