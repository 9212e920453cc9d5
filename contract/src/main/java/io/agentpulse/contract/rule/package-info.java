/**
 * The alert rule model and its one validator ({@link io.agentpulse.contract.rule.AlertRule#parse}). It lives
 * in the contract because two services read rules: the query API validates a rule before storing it, the
 * processor before evaluating it; with one parser a rule the API accepts is one the processor evaluates
 * (a copy in the query API once drifted and accepted a range of PT0S). Evaluation stays in the processor.
 */
package io.agentpulse.contract.rule;
