package org.congressvote.command.minutes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The minutes of the count of each closed vote, as JSON and as a printable PDF. */
@RestController
@RequestMapping("/api/minutes")
class MinutesController {

    private final MinutesService minutes;

    MinutesController(MinutesService minutes) {
        this.minutes = minutes;
    }

    @GetMapping("/motions/{motionId}")
    Minutes motion(@PathVariable String motionId) {
        return minutes.motion(motionId);
    }

    @GetMapping(value = "/motions/{motionId}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> motionPdf(@PathVariable String motionId) {
        return pdf("bien-ban-" + motionId + ".pdf", minutes.motion(motionId));
    }

    @GetMapping("/elections/{electionId}/rounds/{round}")
    Minutes round(@PathVariable String electionId, @PathVariable int round) {
        return minutes.round(electionId, round);
    }

    @GetMapping(value = "/elections/{electionId}/rounds/{round}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> roundPdf(@PathVariable String electionId, @PathVariable int round) {
        return pdf("bien-ban-" + electionId + "-vong-" + round + ".pdf", minutes.round(electionId, round));
    }

    private static ResponseEntity<byte[]> pdf(String name, Minutes m) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + "\"")
                .contentType(MediaType.APPLICATION_PDF)
                .body(MinutesPdf.render(m));
    }
}
