package io.vaeexplorer.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the one-line JSON object a command prints last with {@code --json}; keys keep insertion order. The
 * line is strict JSON (RFC 8259), whatever was put in:
 * <ul>
 *   <li>{@code "state"} says how the command ended ({@code finished}, {@code diverged}, {@code failed},
 *       {@code cancelled}) and {@code "error"}, present whenever the exit code is not 0, says what went wrong;</li>
 *   <li>a number that is missing or not finite is {@code null}, and {@code "<key>_missing"} beside it says why;
 *       NaN and Infinity, which strict parsers reject, are never written;</li>
 *   <li>a field that does not apply (a figure nobody asked for) is left out.</li>
 * </ul>
 */
final class JsonLine {

    private static final String MISSING_SUFFIX = "_missing";

    // no serializeSpecialFloatingPointValues: put and tree() turn non-finite numbers into null before Gson sees them
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    /**
     * Sets a field; null leaves it out. A non-finite number, alone or in a list, is written as null with a
     * {@code _missing} reason saying what it was; {@link #putNumber} gives a better reason where one is known.
     */
    JsonLine put(String key, Object value) {
        return putNumber(key, value, null);
    }

    /** Sets a field; when {@code value} is null or not finite it is written as null with {@code whyMissing}. */
    JsonLine putNumber(String key, Object value, String whyMissing) {
        fields.remove(key + MISSING_SUFFIX);
        if (value == null) {
            fields.remove(key);
            if (whyMissing != null) {
                missing(key, whyMissing);
            }
            return this;
        }
        List<String> notFinite = new ArrayList<>();
        Object kept = finiteOnly(value, "", notFinite);
        fields.put(key, kept);
        if (!notFinite.isEmpty()) {
            fields.put(key + MISSING_SUFFIX, whyMissing != null ? whyMissing : String.join(", ", notFinite));
        }
        return this;
    }

    /** Adds every field of {@code other}, in its order, after this line's own. */
    JsonLine putAll(JsonLine other) {
        fields.putAll(other.fields);
        return this;
    }

    /** Writes {@code key} as null, with {@code reason} as {@code key_missing}. */
    JsonLine missing(String key, String reason) {
        fields.put(key, null);
        fields.put(key + MISSING_SUFFIX, reason);
        return this;
    }

    /** The number under {@code key}, or NaN when it is missing, null or not a number. */
    double number(String key) {
        return fields.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @Override
    public String toString() {
        return GSON.toJson(toJson());
    }

    JsonObject toJson() {
        JsonObject object = new JsonObject();
        fields.forEach((key, value) -> object.add(key, tree(value)));
        return object;
    }

    /** How a non-finite number is named in a {@code _missing} reason. */
    static String describe(double value) {
        return Double.isNaN(value) ? "NaN" : value > 0 ? "infinite" : "minus infinity";
    }

    private static boolean isFinite(Number n) {
        return !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue());
    }

    /** {@code value} with every non-finite number replaced by null; what was replaced, and where, is noted. */
    private static Object finiteOnly(Object value, String where, List<String> notFinite) {
        if (value instanceof Number n && !isFinite(n)) {
            notFinite.add(describe(n.doubleValue()) + where);
            return null;
        }
        if (value instanceof Collection<?> values) {
            List<Object> kept = new ArrayList<>(values.size());
            int i = 0;
            for (Object element : values) {
                kept.add(finiteOnly(element, " at index " + i++ + where, notFinite));
            }
            return kept;
        }
        return value;
    }

    private static JsonElement tree(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof JsonLine nested) {
            return nested.toJson();
        }
        if (value instanceof Collection<?> values) {
            JsonArray array = new JsonArray();
            values.forEach(v -> array.add(tree(v)));
            return array;
        }
        if (value instanceof Number n) {
            return isFinite(n) ? new JsonPrimitive(n) : JsonNull.INSTANCE;
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>) {
            return new JsonPrimitive(value.toString());
        }
        return GSON.toJsonTree(value);
    }
}
