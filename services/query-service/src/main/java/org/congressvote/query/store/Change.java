package org.congressvote.query.store;

import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The change an event makes to one view document, as a list of {@code $set}, {@code $inc} and {@code $push} operations
 * on dotted paths. The same change is sent to MongoDB as one atomic update (live) or applied to a document in memory
 * (recount), so both produce the same document.
 */
public final class Change {

    private enum Kind {
        SET,
        INC,
        PUSH
    }

    private record Op(Kind kind, String path, Object value) {}

    private final List<Op> ops = new ArrayList<>();

    private Change() {}

    public static Change of() {
        return new Change();
    }

    public Change set(String path, Object value) {
        ops.add(new Op(Kind.SET, path, value));
        return this;
    }

    public Change inc(String path, long by) {
        if (by != 0) {
            ops.add(new Op(Kind.INC, path, by));
        }
        return this;
    }

    public Change push(String path, Object value) {
        ops.add(new Op(Kind.PUSH, path, value));
        return this;
    }

    /** The counters this change increments, for a change that does nothing else ({@code ViewStore#countOnce}). */
    Map<String, Long> increments() {
        Map<String, Long> increments = new LinkedHashMap<>();
        for (Op op : ops) {
            if (op.kind() != Kind.INC || op.path().contains(".")) {
                throw new IllegalArgumentException("A count only increments top-level counters, not " + op.path());
            }
            increments.merge(op.path(), (Long) op.value(), Long::sum);
        }
        return increments;
    }

    boolean isEmpty() {
        return ops.isEmpty();
    }

    /** The operations as one MongoDB update, followed by {@code extra} (at least one operation in all). */
    Bson toUpdate(Bson... extra) {
        List<Bson> updates = new ArrayList<>(ops.size() + extra.length);
        for (Op op : ops) {
            updates.add(
                    switch (op.kind()) {
                        case SET -> Updates.set(op.path(), op.value());
                        case INC -> Updates.inc(op.path(), (Long) op.value());
                        case PUSH -> Updates.push(op.path(), op.value());
                    });
        }
        updates.addAll(List.of(extra));
        return Updates.combine(updates);
    }

    /** Applies the operations to {@code document} in place, as MongoDB applies them. */
    void applyTo(Document document) {
        for (Op op : ops) {
            String[] path = op.path().split("\\.");
            Object parent = document;
            for (int i = 0; i < path.length - 1; i++) {
                parent = child(parent, path[i], op.path());
            }
            String last = path[path.length - 1];
            switch (op.kind()) {
                case SET -> put(parent, last, copy(op.value()), op.path());
                case INC -> {
                    Object current = get(parent, last, op.path());
                    long base = current == null ? 0L : ((Number) current).longValue();
                    put(parent, last, base + (Long) op.value(), op.path());
                }
                case PUSH -> {
                    Object current = get(parent, last, op.path());
                    @SuppressWarnings("unchecked")
                    List<Object> list = current == null ? new ArrayList<>() : (List<Object>) current;
                    if (current == null) {
                        put(parent, last, list, op.path());
                    }
                    list.add(copy(op.value()));
                }
            }
        }
    }

    private static Object child(Object parent, String key, String path) {
        Object child = get(parent, key, path);
        if (child == null) {
            child = new Document();
            put(parent, key, child, path);
        }
        return child;
    }

    @SuppressWarnings("unchecked")
    private static Object get(Object parent, String key, String path) {
        if (parent instanceof Document document) {
            return document.get(key);
        }
        if (parent instanceof List<?> list) {
            int index = Integer.parseInt(key);
            return index < list.size() ? ((List<Object>) list).get(index) : null;
        }
        throw new IllegalArgumentException("Path " + path + " runs through a value that is neither document nor array");
    }

    @SuppressWarnings("unchecked")
    private static void put(Object parent, String key, Object value, String path) {
        if (parent instanceof Document document) {
            document.put(key, value);
        } else if (parent instanceof List<?> list) {
            ((List<Object>) list).set(Integer.parseInt(key), value);
        } else {
            throw new IllegalArgumentException(
                    "Path " + path + " runs through a value that is neither document nor array");
        }
    }

    /** Values are copied in, so that a document in memory never shares a mutable part with a change or another one. */
    @SuppressWarnings("unchecked")
    static Object copy(Object value) {
        if (value instanceof Document document) {
            Document copy = new Document();
            document.forEach((k, v) -> copy.put(k, copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            ((List<Object>) list).forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }
}
