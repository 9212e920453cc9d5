package io.agentpulse.query.alert;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.contract.rule.AlertRule;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * What the rule routes (POST/PUT /api/v1/alert-rules) check before storing is the processor's own parse
 * (contract's AlertRule): a rule the API accepts is a rule the processor evaluates. The routes' own rules
 * are RuleValidationTest's, in contract.
 */
class RuleRoutesCheckTest {
    private static final String ZERO_RANGE =
            "{\"id\":\"z\",\"metric\":\"error_rate\",\"comparator\":\">\",\"warning\":0.1,\"range\":\"PT0S\"}";

    /** The API's former copy accepted a range of PT0S; the processor then skipped the stored rule. */
    @Test
    void aRangeOfZeroIsRefusedByTheApiAsByTheProcessor() {
        assertThatThrownBy(() -> AlertRoutes.check(new JsonObject(ZERO_RANGE))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("range");
        assertThatThrownBy(() -> AlertRule.parse(ZERO_RANGE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRuleTheApiAcceptsIsOneTheProcessorParses() {
        String json = "{\"id\":\"ok\",\"metric\":\"error_rate\",\"comparator\":\">\",\"warning\":0.1,\"range\":\"PT5M\","
                + "\"channels\":[\"ops-hook\",\"pager:critical\"]}";
        assertThatCode(() -> AlertRoutes.check(new JsonObject(json))).doesNotThrowAnyException();
        assertThatCode(() -> AlertRule.parse(json)).doesNotThrowAnyException();
    }

    @Test
    void channelRoutesAreCheckedAsNotifyReadsThem() {
        assertThatThrownBy(() -> AlertRoutes.check(new JsonObject("{\"id\":\"c\",\"metric\":\"error_rate\",\"comparator\":\">\","
                + "\"warning\":0.1,\"channels\":[\"pager:sometimes\"]}"))).isInstanceOf(IllegalArgumentException.class);
    }
}
