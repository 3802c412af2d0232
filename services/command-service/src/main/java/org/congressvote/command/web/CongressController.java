package org.congressvote.command.web;

import java.net.URI;
import java.util.UUID;

import org.congressvote.api.congress.CheckInDelegateCommand;
import org.congressvote.api.congress.CheckOutDelegateCommand;
import org.congressvote.api.congress.CreateCongressCommand;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.congress.RegisterDelegateCommand;
import org.congressvote.api.motion.CreateMotionCommand;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Convening a congress, its roster, attendance, and its agenda. */
@RestController
@RequestMapping("/api/congresses")
class CongressController {

    private final CommandSender commands;

    CongressController(CommandSender commands) {
        this.commands = commands;
    }

    record CreateCongressRequest(String congressId, String name, Fraction quorum) {
    }

    record CongressCreated(String congressId) {
    }

    record RegisterDelegateRequest(String delegateId, String fullName, String organisation) {
    }

    record DelegateRef(String congressId, String delegateId) {
    }

    record CreateMotionRequest(String motionId, String title) {
    }

    record MotionCreated(String motionId, String congressId) {
    }

    @PostMapping
    ResponseEntity<CongressCreated> create(@RequestBody CreateCongressRequest request) {
        String id = request.congressId() == null ? UUID.randomUUID().toString() : request.congressId();
        Ids.require(id, "congressId");
        commands.send(new CreateCongressCommand(id, request.name(), request.quorum()));
        return ResponseEntity.created(URI.create("/api/congresses/" + id)).body(new CongressCreated(id));
    }

    @PostMapping("/{congressId}/delegates")
    ResponseEntity<DelegateRef> register(@PathVariable String congressId, @RequestBody RegisterDelegateRequest request) {
        Ids.require(request.delegateId(), "delegateId");
        commands.send(new RegisterDelegateCommand(congressId, request.delegateId(), request.fullName(),
                request.organisation()));
        return ResponseEntity.created(URI.create("/api/congresses/" + congressId + "/delegates/" + request.delegateId()))
                .body(new DelegateRef(congressId, request.delegateId()));
    }

    @PostMapping("/{congressId}/delegates/{delegateId}/check-in")
    DelegateRef checkIn(@PathVariable String congressId, @PathVariable String delegateId) {
        commands.send(new CheckInDelegateCommand(congressId, delegateId));
        return new DelegateRef(congressId, delegateId);
    }

    @PostMapping("/{congressId}/delegates/{delegateId}/check-out")
    DelegateRef checkOut(@PathVariable String congressId, @PathVariable String delegateId) {
        commands.send(new CheckOutDelegateCommand(congressId, delegateId));
        return new DelegateRef(congressId, delegateId);
    }

    @PostMapping("/{congressId}/motions")
    ResponseEntity<MotionCreated> createMotion(@PathVariable String congressId,
                                               @RequestBody CreateMotionRequest request) {
        String id = request.motionId() == null ? UUID.randomUUID().toString() : request.motionId();
        Ids.require(id, "motionId");
        commands.send(new CreateMotionCommand(id, congressId, request.title()));
        return ResponseEntity.created(URI.create("/api/motions/" + id)).body(new MotionCreated(id, congressId));
    }
}
