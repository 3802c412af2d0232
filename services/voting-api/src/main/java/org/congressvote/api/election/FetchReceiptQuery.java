package org.congressvote.api.election;

/** Whether the ballot whose receipt code hashes to {@code receiptHash} is in the round's published list. */
public record FetchReceiptQuery(String roundId, String receiptHash) {}
