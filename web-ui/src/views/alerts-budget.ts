// Budget rule templates for the Alerts view's rule editor (kind "budget", issue 13): what each of the
// four metrics needs, with the processor's defaults written out so the operator sees and edits them.

export const BUDGET_TEMPLATES: Record<string, Record<string, unknown>> = {
  spend_day: { id: "daily-budget", name: "Daily spend over budget", kind: "budget", metric: "spend_day", group: "all",
    budget_usd: 100, warning: 0.9, critical: 1.1 },
  spend_month: { id: "monthly-budget", name: "Monthly spend over budget", kind: "budget", metric: "spend_month", group: "all",
    budget_usd: 3000, warning: 0.9, critical: 1.1 },
  cost_per_call: { id: "cost-per-call", name: "Cost per call over its 7-day mean", kind: "budget", metric: "cost_per_call",
    group: "agent", selector: { agent: "*" }, warning: 1.5, critical: 2, range: "PT1H", min_samples: 20 },
  cost_vs_usage: { id: "cost-vs-usage", name: "Cost growing faster than usage", kind: "budget", metric: "cost_vs_usage",
    group: "all", warning: 1.2, critical: 1.5, range: "PT24H", min_samples: 100 },
};

/** A select offering the templates; `pick` gets a copy of the chosen one. */
export function budgetPicker(pick: (rule: Record<string, unknown>) => void): HTMLSelectElement {
  const sel = document.createElement("select");
  sel.className = "budget-template";
  sel.setAttribute("aria-label", "New budget rule");
  const first = document.createElement("option");
  first.value = "";
  first.textContent = "New budget rule\u2026";
  sel.append(first);
  for (const k of Object.keys(BUDGET_TEMPLATES)) {
    const o = document.createElement("option");
    o.value = k;
    o.textContent = k;
    sel.append(o);
  }
  sel.addEventListener("change", () => {
    if (sel.value) pick(JSON.parse(JSON.stringify(BUDGET_TEMPLATES[sel.value])));
    sel.value = "";
  });
  return sel;
}

/**
 * The thresholds column of the rules table. A budget rule compares with >= (the processor's Budgets)
 * and its thresholds are factors: of budget_usd for spend, of the baseline (its own 7-day mean cost per
 * call, or usage growth) for the others; absent ones are the templates' defaults, as the processor reads them.
 */
export function thresholdsText(body: Record<string, unknown>): string {
  if (body.kind !== "budget") return `${body.comparator ?? ">"} ${body.warning ?? "—"} / ${body.critical ?? "—"}`;
  const metric = String(body.metric ?? "");
  const dflt = BUDGET_TEMPLATES[metric] ?? {};
  const warning = Number(body.warning ?? dflt.warning);
  const critical = Number(body.critical ?? dflt.critical);
  if (metric === "spend_day" || metric === "spend_month") {
    return `≥ ${Math.round(warning * 100)}% / ${Math.round(critical * 100)}% of $${body.budget_usd ?? "—"}`;
  }
  return `≥ ${warning}× / ${critical}× ${metric === "cost_per_call" ? "the 7-day mean" : "usage growth"}`;
}
