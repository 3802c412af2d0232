package org.congressvote.query.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Turns ids into MongoDB field and collection names that are valid whatever the id holds. */
public final class Keys {

    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Names are asked for every vote: remembered, as the pattern and the hash cost more than the vote's own work. */
    private static final Map<String, String> COLLECTIONS = new ConcurrentHashMap<>();

    private Keys() {}

    /** A field name safe in a dotted path (no '.', no leading '$'), one-to-one with the id. */
    public static String field(String id) {
        StringBuilder key = new StringBuilder(id.length() + 4).append('k');
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            switch (c) {
                case '%' -> key.append("%25");
                case '.' -> key.append("%2E");
                case '$' -> key.append("%24");
                default -> key.append(c);
            }
        }
        return key.toString();
    }

    /**
     * A collection name of its own for one id: {@code prefix} + "m." + the id when it is plain, else {@code prefix} +
     * "h." + a hash of it, so that any id makes a valid, bounded name.
     */
    public static String collection(String prefix, String id) {
        String key = prefix + id;
        String known = COLLECTIONS.get(key);
        if (known != null) {
            return known;
        }
        if (COLLECTIONS.size() > 10_000) {
            COLLECTIONS.clear();
        }
        String name = collectionName(prefix, id);
        COLLECTIONS.put(key, name);
        return name;
    }

    private static String collectionName(String prefix, String id) {
        if (PLAIN_ID.matcher(id).matches()) {
            return prefix + "m." + id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return prefix + "h." + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
