package org.congressvote.command.web;

import java.util.Map;
import org.congressvote.command.CommandServiceProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the pages read public live data: the query-service's address as configured here, never from the page's own
 * address (a link with ?query= could point a delegate's phone at another server's lists).
 */
@RestController
class PagesConfigController {

    private final String queryBase;

    PagesConfigController(CommandServiceProperties properties) {
        String queryBase = properties.pages().queryBase();
        this.queryBase = queryBase.isBlank() ? null : queryBase;
    }

    /** {@code queryBase}: null means the same host on port 8082. */
    @GetMapping("/pages-config.json")
    Map<String, String> config() {
        return queryBase == null ? Map.of() : Map.of("queryBase", queryBase);
    }
}
