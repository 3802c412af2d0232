package org.congressvote.query.recount;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.congressvote.query.recount.RecountReport.Difference;

/** Compares views field by field, as JSON, and collects every difference with the field's path. */
final class ViewComparison {

    private final ObjectMapper json;
    private final List<Difference> differences = new ArrayList<>();
    private int viewsCompared;

    ViewComparison(ObjectMapper json) {
        this.json = json;
    }

    /** Compares one view; a view present on one side only is one difference, field {@code exists}. */
    void compare(String view, String id, Optional<?> live, Optional<?> recount) {
        viewsCompared++;
        if (live.isPresent() != recount.isPresent()) {
            differences.add(new Difference(
                    view,
                    id,
                    "exists",
                    BooleanNode.valueOf(live.isPresent()),
                    BooleanNode.valueOf(recount.isPresent())));
            return;
        }
        if (live.isPresent()) {
            diff(view, id, "", json.valueToTree(live.get()), json.valueToTree(recount.get()));
        }
    }

    List<Difference> differences() {
        return differences;
    }

    int viewsCompared() {
        return viewsCompared;
    }

    private void diff(String view, String id, String path, JsonNode live, JsonNode recount) {
        if (live != null && recount != null && live.isObject() && recount.isObject()) {
            Set<String> fields = new LinkedHashSet<>();
            live.fieldNames().forEachRemaining(fields::add);
            for (Iterator<String> names = recount.fieldNames(); names.hasNext(); ) {
                fields.add(names.next());
            }
            for (String field : fields) {
                diff(view, id, path.isEmpty() ? field : path + "." + field, live.get(field), recount.get(field));
            }
        } else if (live != null && recount != null && live.isArray() && recount.isArray()) {
            for (int i = 0; i < Math.max(live.size(), recount.size()); i++) {
                diff(view, id, path + "[" + i + "]", live.get(i), recount.get(i));
            }
        } else if (!same(live, recount)) {
            differences.add(new Difference(view, id, path, live, recount));
        }
    }

    private static boolean same(JsonNode live, JsonNode recount) {
        if (live == null || live.isNull()) {
            return recount == null || recount.isNull();
        }
        if (live.isNumber() && recount != null && recount.isNumber()) {
            return live.decimalValue().compareTo(recount.decimalValue()) == 0;
        }
        return live.equals(recount);
    }
}
