package org.congressvote.command.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The pages answer at their folder's address (/vote/, /console/, /audit/), as people type them. */
@Configuration
class PageAddresses implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        for (String page : new String[] {"vote", "console", "audit"}) {
            registry.addViewController("/" + page + "/").setViewName("forward:/" + page + "/index.html");
            registry.addRedirectViewController("/" + page, "/" + page + "/");
        }
    }
}
