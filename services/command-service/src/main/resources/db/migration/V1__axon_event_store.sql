-- Axon's JDBC event store, token store and saga store, in Axon's default schema (unquoted names fold to lower case).
-- The event table is the legal record of the congress: append-only, globally ordered by global_index.
CREATE TABLE DomainEventEntry (
    globalIndex         BIGSERIAL    NOT NULL,
    -- byte order (C collation), so that a prefix range ('vote:{motion}:') is an index range scan
    aggregateIdentifier VARCHAR(255) COLLATE "C" NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalIndex),
    UNIQUE (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokenType     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorName, segment)
);

CREATE TABLE SagaEntry (
    sagaId         VARCHAR(255) NOT NULL,
    revision       VARCHAR(255),
    sagaType       VARCHAR(255),
    serializedSaga BYTEA,
    PRIMARY KEY (sagaId)
);

CREATE TABLE AssociationValueEntry (
    id               BIGSERIAL    NOT NULL,
    associationKey   VARCHAR(255) NOT NULL,
    associationValue VARCHAR(255),
    sagaType         VARCHAR(255) NOT NULL,
    sagaId           VARCHAR(255) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX association_value_lookup ON AssociationValueEntry (sagaType, associationKey, associationValue);
