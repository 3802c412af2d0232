package org.congressvote.bench;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * What the servers themselves can do on this machine, measured with plain clients and no service in between: the
 * ceilings the services' figures are compared with.
 */
final class RawLimits {

    /** About the size of a stored vote event (payload, metadata, ids). */
    static final int EVENT_BYTES = 600;

    private RawLimits() {}

    interface Op {
        void run(int thread, long i) throws Exception;
    }

    /** Runs {@code op} on {@code threads} threads for {@code seconds}; operations per second. */
    static double rate(int threads, double seconds, Op op) throws Exception {
        AtomicLong done = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long[] end = new long[1];
        List<Exception> errors = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                try {
                    go.await();
                    for (long i = 0; System.nanoTime() < end[0]; i++) {
                        op.run(thread, i);
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        long start = System.nanoTime();
        end[0] = start + (long) (seconds * 1e9);
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Durable single-row inserts, one commit each (fsync and synchronous_commit on), per thread count. */
    static double postgresInserts(String jdbcUrl, int threads, double seconds) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement s = c.createStatement()) {
            // a schema of its own: the command-service's Flyway wants the public schema to itself
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("CREATE TABLE IF NOT EXISTS bench.raw_insert (id BIGSERIAL PRIMARY KEY, k VARCHAR(255) NOT NULL, "
                    + "payload BYTEA NOT NULL)");
        }
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement> statements = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
            c.setAutoCommit(true);
            connections.add(c);
            statements.add(c.prepareStatement("INSERT INTO bench.raw_insert (k, payload) VALUES (?, ?)"));
        }
        byte[] payload = new byte[EVENT_BYTES];
        new Random(1).nextBytes(payload);
        try {
            return rate(threads, seconds, (t, i) -> {
                PreparedStatement insert = statements.get(t);
                insert.setString(1, "raw:" + t + ":" + i);
                insert.setBytes(2, payload);
                insert.executeUpdate();
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    static Properties producerSettings(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // the command-service's publisher settings (application.yml)
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        }
    }

    /**
     * Records per second through a producer with the services' settings: {@code batch} records sent, then all their
     * acknowledgements awaited (the publisher's wait-for-ack mode does this per batch of 200), repeated.
     */
    static double kafkaRecords(String bootstrap, String topic, int records, int batch) throws Exception {
        byte[] value = new byte[EVENT_BYTES];
        new Random(2).nextBytes(value);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerSettings(bootstrap))) {
            producer.send(new ProducerRecord<>(topic, "warm-up", value)).get();
            long start = System.nanoTime();
            List<Future<RecordMetadata>> pending = new ArrayList<>(batch);
            for (int i = 0; i < records; i++) {
                pending.add(producer.send(new ProducerRecord<>(topic, "vote:raw:" + (i % 5000), value)));
                if (pending.size() == batch) {
                    for (Future<RecordMetadata> f : pending) {
                        f.get();
                    }
                    pending.clear();
                }
            }
            for (Future<RecordMetadata> f : pending) {
                f.get();
            }
            return records / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Counter updates ($inc with upsert by _id, as a tally counter) per second on the MongoDB-wire server. */
    static double mongoCounterUpdates(String uri, int threads, double seconds) throws Exception {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> counters = client.getDatabase("bench_raw").getCollection("counters");
            UpdateOptions upsert = new UpdateOptions().upsert(true);
            return rate(
                    threads,
                    seconds,
                    (t, i) -> counters.updateOne(eq("_id", "c" + (i % 64)), Updates.inc("n", 1L), upsert));
        }
    }

    /**
     * The query side's own vote writes on the MongoDB-wire server, in batches of {@code batch} votes as its event
     * processor writes them: one update per partition counter (4 partitions) guarded by the offset it had, counting the
     * batch's votes and pushing its voters into the counter's window of the last 500, for {@code voters} distinct
     * voters on one motion. Returns
     * votes per second over the first and the last tenth, so that any growth with the votes already counted shows.
     */
    static double[] mongoVoteUpdates(String uri, int voters, int batch) throws Exception {
        try (MongoClient client = MongoClients.create(uri)) {
            var database = client.getDatabase("bench_raw");
            MongoCollection<Document> counters = database.getCollection("tally.m.raw-" + voters);
            long[] offsets = new long[4];
            for (int p = 0; p < 4; p++) {
                counters.insertOne(
                        new Document("_id", "p" + p).append("partition", p).append("offset", -1L));
                offsets[p] = -1;
            }
            int tenth = Math.max(batch, voters / 10 / batch * batch);
            double first = 0;
            double last = 0;
            long sliceStart = System.nanoTime();
            for (int v = 0; v < voters; v += batch) {
                List<List<String>> added = new ArrayList<>();
                for (int p = 0; p < 4; p++) {
                    added.add(new ArrayList<>());
                }
                long[] counted = new long[4];
                long[] upTo = offsets.clone();
                for (int i = v; i < Math.min(voters, v + batch); i++) {
                    String voter = "V" + i;
                    int partition = Math.floorMod(voter.hashCode(), 4);
                    upTo[partition]++;
                    counted[partition]++;
                    added.get(partition).add(voter);
                }
                for (int p = 0; p < 4; p++) {
                    if (counted[p] > 0) {
                        counters.updateOne(
                                and(eq("_id", "p" + p), eq("offset", offsets[p])),
                                Updates.combine(
                                        Updates.inc("agree", counted[p]),
                                        Updates.set("offset", upTo[p]),
                                        Updates.pushEach("recent", added.get(p), new PushOptions().slice(-500))));
                    }
                }
                offsets = upTo;
                int done = Math.min(voters, v + batch);
                if (done % tenth == 0) {
                    double rate = tenth / ((System.nanoTime() - sliceStart) / 1e9);
                    if (done == tenth) {
                        first = rate;
                    }
                    last = rate;
                    sliceStart = System.nanoTime();
                }
            }
            return new double[] {first, last};
        }
    }
}
