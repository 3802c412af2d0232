package org.congressvote.query.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The projector dashboard also answers at /dashboard/ (its page there leads to the dashboard at /). */
@Configuration
class PageAddresses implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
        registry.addRedirectViewController("/dashboard", "/dashboard/");
    }
}
