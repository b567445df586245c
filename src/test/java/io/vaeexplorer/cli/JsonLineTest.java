package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.training.TrainingResult;
import io.vaeexplorer.training.TrainingState;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLineTest {

    /** Parses one line as RFC 8259 JSON, which has no NaN or Infinity (as jq, JavaScript and Go read it). */
    static JsonObject parseStrict(String line) {
        JsonReader reader = new JsonReader(new StringReader(line));
        reader.setStrictness(Strictness.STRICT);
        JsonElement element = JsonParser.parseReader(reader);
        assertTrue(element.isJsonObject(), line);
        return element.getAsJsonObject();
    }

    @Test
    void theStrictParserRejectsNaNAndInfinity() {
        assertThrows(JsonParseException.class, () -> parseStrict("{\"a\":NaN}"));
        assertThrows(JsonParseException.class, () -> parseStrict("{\"a\":Infinity}"));
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNullWithTheReasonBeside() {
        JsonLine line = new JsonLine()
                .put("nan", Double.NaN)
                .put("up", Double.POSITIVE_INFINITY)
                .put("down", Float.NEGATIVE_INFINITY)
                .putNumber("rate", Double.NaN, "no epoch finished")
                .put("seconds", Arrays.asList(1.5, Double.NaN, 2.0))
                .put("fine", 0.25)
                .put("count", 3L);

        String text = line.toString();
        assertFalse(text.contains(":NaN") || text.contains(",NaN") || text.contains("[NaN"), text);
        assertFalse(text.contains("Infinity"), text);
        JsonObject json = parseStrict(text);
        assertTrue(json.get("nan").isJsonNull(), text);
        assertEquals("NaN", json.get("nan_missing").getAsString());
        assertTrue(json.get("up").isJsonNull(), text);
        assertEquals("infinite", json.get("up_missing").getAsString());
        assertTrue(json.get("down").isJsonNull(), text);
        assertEquals("minus infinity", json.get("down_missing").getAsString());
        assertTrue(json.get("rate").isJsonNull(), text);
        assertEquals("no epoch finished", json.get("rate_missing").getAsString());
        JsonArray seconds = json.getAsJsonArray("seconds");
        assertEquals(1.5, seconds.get(0).getAsDouble());
        assertTrue(seconds.get(1).isJsonNull(), text);
        assertEquals("NaN at index 1", json.get("seconds_missing").getAsString());
        assertEquals(0.25, json.get("fine").getAsDouble());
        assertFalse(json.has("fine_missing"), text);
        assertEquals("3", json.get("count").getAsJsonPrimitive().getAsString(), "a count stays a whole number");
        assertTrue(Double.isNaN(line.number("nan")), "a missing number reads back as NaN");
    }

    @Test
    void aFieldThatDoesNotApplyIsLeftOutAndAFinitePutClearsAnEarlierReason() {
        JsonLine line = new JsonLine().put("iwae_log_likelihood", null).putNumber("speed", Double.NaN, "not yet")
                .put("speed", 12.0);
        JsonObject json = parseStrict(line.toString());
        assertFalse(json.has("iwae_log_likelihood"), json.toString());
        assertEquals(12.0, json.get("speed").getAsDouble());
        assertFalse(json.has("speed_missing"), json.toString());
    }

    @Test
    void aNestedObjectIsStrictToo() {
        JsonLine reference = new JsonLine().put("epoch_ratio_best", Results.round(1.0 / 0.0)).put("ok", 1.0);
        JsonObject json = parseStrict(new JsonLine().put("reference", reference).toString());
        JsonObject nested = json.getAsJsonObject("reference");
        assertTrue(nested.get("epoch_ratio_best").isJsonNull(), json.toString());
        assertEquals("infinite", nested.get("epoch_ratio_best_missing").getAsString());
    }

    @Test
    void textIsEscapedAndHtmlLeftAlone() {
        String message = "a \"quoted\" path C:\\runs\nnext line <b> & tab\t";
        JsonObject json = parseStrict(new JsonLine().put("error", message).toString());
        assertEquals(message, json.get("error").getAsString());
        assertFalse(new JsonLine().put("x", "<b>").toString().contains("\\u003c"));
    }

    @Test
    void roundingKeepsNaNAndTheInfinitiesInsteadOfMakingNumbersOfThem() {
        assertTrue(Double.isNaN(Results.round(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, Results.round(Double.POSITIVE_INFINITY));
        assertEquals(Double.NEGATIVE_INFINITY, Results.round(Double.NEGATIVE_INFINITY));
        assertEquals(1.2346, Results.round(1.23456));
        assertEquals(3e20, Results.round(3e20), "too large to round, kept as it is");
        assertTrue(Double.isNaN(Results.whole(Double.NaN).doubleValue()));
        assertEquals(12L, Results.whole(11.6));
    }

    @Test
    void testLossesThatAreMissingOrNotFiniteSayWhy() {
        JsonObject none = parseStrict(Results.lossFields(new JsonLine(), null, "no epoch finished").toString());
        for (String key : List.of("test_neg_elbo", "test_recon", "test_kl")) {
            assertTrue(none.get(key).isJsonNull(), none.toString());
            assertEquals("no epoch finished", none.get(key + "_missing").getAsString());
        }
        JsonObject broken = parseStrict(Results.lossFields(new JsonLine(), new LossParts(180.0, Double.NaN), "-")
                .toString());
        assertEquals(180.0, broken.get("test_recon").getAsDouble());
        assertTrue(broken.get("test_kl").isJsonNull(), broken.toString());
        assertEquals("the test loss is NaN", broken.get("test_kl_missing").getAsString());
        assertTrue(broken.get("test_neg_elbo").isJsonNull(), broken.toString());
    }

    @Test
    void aTrainLineWithoutAFinishedEpochSaysSoAndNamesTheDivergence() {
        TrainingResult diverged = new TrainingResult(TrainingState.FAILED, "training diverged at step 1: ...", null,
                null, "CPU", "", true);
        JsonObject json = parseStrict(TrainCommand.jsonLine(diverged, null, diverged.message()).toString());
        assertEquals("diverged", json.get("state").getAsString());
        assertEquals("training diverged at step 1: ...", json.get("error").getAsString());
        assertTrue(json.get("samples_per_second").isJsonNull(), json.toString());
        assertEquals("no epoch finished", json.get("samples_per_second_missing").getAsString());
        assertEquals(0, json.getAsJsonArray("epoch_seconds").size());

        TrainingResult failed = new TrainingResult(TrainingState.FAILED, "training failed: out of memory", null,
                null, "CPU", "", false);
        assertEquals("failed", parseStrict(TrainCommand.jsonLine(failed, null, failed.message()).toString())
                .get("state").getAsString());
    }
}
