// The dev stub's slicing dimensions (docs/CONTRACTS.md "Dimensions"): each value holds a fixed share of
// every figure, so a filter visibly changes the page. One hostile value on purpose: the page must show
// it as text. GET /api/v1/dimensions, GET /api/v1/dimensions/:name, ?<dimension>=<value> on the
// figures, timeseries group_by=<dimension>, and the slice groups of the stream (all@team=search).

export const DIMENSIONS = {
  environment: { production: 0.8, staging: 0.2 },
  team: { search: 0.5, platform: 0.3, "<img src=x onerror=alert(3)>": 0.2 },
};

/** The share of the figures the request's slice keeps: 1 without one, 0 for a value nobody sent. */
export function shareOf(q) {
  for (const [d, values] of Object.entries(DIMENSIONS)) {
    const v = q.get(d);
    if (v !== null) return values[v] ?? 0;
  }
  return 1;
}

/** A window's figures scaled to a share (counts rounded; latency unchanged). */
export function scaled(w, share) {
  if (share === 1) return w;
  const r = (x) => Math.round(x * share);
  const count = r(w.count);
  return { ...w, count, errors: Math.min(count, r(w.errors)), input_tokens: r(w.input_tokens), output_tokens: r(w.output_tokens),
    cached_input_tokens: r(w.cached_input_tokens), cost_usd: w.cost_usd * share,
    p50_ms: count ? w.p50_ms : null, p95_ms: count ? w.p95_ms : null, p99_ms: count ? w.p99_ms : null };
}

/** "all@team=search" -> { base: "all", share }; a group without a slice -> share 1. */
export function groupOf(grp) {
  const m = /^([a-z]+)@([a-z0-9_.]+)=(.*)$/.exec(grp);
  if (!m) return { base: grp, share: 1 };
  let value;
  try { value = decodeURIComponent(m[3]); } catch { return { base: m[1], share: 0 }; } // %25 and %7C, the key escaping
  return { base: m[1], share: DIMENSIONS[m[2]]?.[value] ?? 0 };
}

/** The stub's answers of the dimension endpoints; null for another path. `totals(from, to)` sums the fleet. */
export function dimensionRoutes(url, totals) {
  const q = url.searchParams;
  if (url.pathname === "/api/v1/dimensions") {
    return [200, { from: Number(q.get("from")), to: Number(q.get("to")),
      dimensions: Object.entries(DIMENSIONS).map(([name, values]) => ({ name, built_in: name !== "team", values: Object.keys(values) })) }];
  }
  const m = /^\/api\/v1\/dimensions\/([^/]+)$/.exec(url.pathname);
  if (!m) return null;
  const name = decodeURIComponent(m[1]);
  const values = DIMENSIONS[name];
  if (!values) return [400, { error: `The dimension '${name}' is not configured.`, field: "name", reason: "unknown-dimension" }];
  const all = totals(Number(q.get("from")), Number(q.get("to")));
  return [200, { dimension: name, values: Object.entries(values).map(([value, share]) => {
    const t = scaled(all, share);
    return { value, count: t.count, errors: t.errors, error_rate: t.count ? t.errors / t.count : null, p50_ms: t.p50_ms,
      p95_ms: t.p95_ms, p99_ms: t.p99_ms, input_tokens: t.input_tokens, output_tokens: t.output_tokens, cost_usd: t.cost_usd, share };
  }) }];
}
