package org.congressvote.command.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the scheduler that signs the log's tree head every minute ({@link TreeHeads}). */
@Configuration
@EnableScheduling
class AuditScheduling {}
