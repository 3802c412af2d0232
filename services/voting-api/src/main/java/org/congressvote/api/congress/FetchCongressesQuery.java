package org.congressvote.api.congress;

/** Every congress the read side knows, for the console's picker. */
public record FetchCongressesQuery() {}
