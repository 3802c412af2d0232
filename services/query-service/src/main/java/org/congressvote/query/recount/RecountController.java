package org.congressvote.query.recount;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs a recount and answers with its report. Open to anyone, like every view here: it only reads the log and the
 * views and writes nothing but its own temporary database; one runs at a time (409 while one is running).
 */
@RestController
class RecountController {

    private final Recount recount;

    RecountController(Recount recount) {
        this.recount = recount;
    }

    @PostMapping("/api/recount")
    RecountReport recount() {
        return recount.run();
    }
}
