package io.agentpulse.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Cells a spreadsheet would run as formulas (= + - @) are neutralised with a leading quote. */
class CsvInjectionTest {
    @Test
    void formulaCellsAreNeutralised() {
        JsonArray rows = new JsonArray();
        for (String evil : new String[] {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)"}) {
            rows.add(new JsonObject().put("name", evil));
        }
        String csv = Csv.render(new JsonObject().put("rows", rows), "rows");
        assertThat(csv.lines().skip(1)).allSatisfy(line -> assertThat(line).startsWith("\"'"));
        assertThat(Csv.cell("plain")).isEqualTo("plain");
        assertThat(Csv.cell(-5)).as("numbers are data").isEqualTo("-5");
    }
}
