package org.congressvote.infra;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoWireServerTest {

    @TempDir
    Path tempDir;

    @Test
    void findsWhatWasInsertedAndRejectsAUniqueIndexDuplicateWithCode11000() {
        try (MongoWireServer mongo = MongoWireServer.start(tempDir, 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> tallies = client.getDatabase("congress").getCollection("tallies");
            tallies.createIndex(Indexes.ascending("motionId", "delegateId"), new IndexOptions().unique(true));
            tallies.insertOne(new Document("motionId", "m1").append("delegateId", "D001"));

            assertThat(tallies.find(eq("motionId", "m1")).first()).containsEntry("delegateId", "D001");
            MongoWriteException duplicate = catchThrowableOfType(
                    MongoWriteException.class,
                    () -> tallies.insertOne(new Document("motionId", "m1").append("delegateId", "D001")));
            assertThat(duplicate.getCode()).isEqualTo(11000);
        }
    }

    @Test
    void documentsSurviveACloseAndARestartOnTheSameFolder() {
        int port;
        try (MongoWireServer mongo = MongoWireServer.start(tempDir, 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            port = mongo.port();
            client.getDatabase("congress").getCollection("motions").insertOne(new Document("_id", "m1"));
        }
        try (MongoWireServer mongo = MongoWireServer.start(tempDir, port)) {
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                assertThat(client.getDatabase("congress")
                                .getCollection("motions")
                                .countDocuments())
                        .isEqualTo(1);
            }
            mongo.restart();
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                assertThat(client.getDatabase("congress")
                                .getCollection("motions")
                                .find()
                                .first())
                        .containsEntry("_id", "m1");
            }
        }
    }
}
