import { test } from "node:test";
import assert from "node:assert/strict";
import {
  errorRatio, escapeHtml, formatCount, formatMs, formatPercent, formatRate, formatUsd, MAX_LABEL, NONE, safeLabel,
} from "../src/format";

test("counts are compact and unknowns show a dash", () => {
  assert.equal(formatCount(0), "0");
  assert.equal(formatCount(950), "950");
  assert.equal(formatCount(1000), "1k");
  assert.equal(formatCount(12_345), "12.3k");
  assert.equal(formatCount(999_999), "1000k");
  assert.equal(formatCount(4_200_000), "4.2M");
  assert.equal(formatCount(7.25), "7.3");
  assert.equal(formatCount(null), NONE);
  assert.equal(formatCount(NaN), NONE);
  assert.equal(formatCount(Infinity), NONE);
});

test("rates carry their unit", () => {
  assert.equal(formatRate(1234), "1.2k/min");
  assert.equal(formatRate(undefined), NONE);
});

test("percent keeps small error rates visible", () => {
  assert.equal(formatPercent(0), "0%");
  assert.equal(formatPercent(0.00001), "<0.01%");
  assert.equal(formatPercent(0.00042), "0.04%");
  assert.equal(formatPercent(0.0123), "1.23%");
  assert.equal(formatPercent(0.256), "25.6%");
  assert.equal(formatPercent(1), "100.0%");
  assert.equal(formatPercent(null), NONE);
});

test("error ratio is unknown without traffic, not zero", () => {
  assert.equal(errorRatio(0, 0), null);
  assert.equal(errorRatio(3, null), null);
  assert.equal(errorRatio(5, 200), 0.025);
});

test("latency switches units", () => {
  assert.equal(formatMs(4.25), "4.3 ms");
  assert.equal(formatMs(850.4), "850 ms");
  assert.equal(formatMs(1250), "1.25 s");
  assert.equal(formatMs(126_000), "2.1 min");
  assert.equal(formatMs(null), NONE);
});

test("dollars keep cents-per-call precision", () => {
  assert.equal(formatUsd(0), "$0.00");
  assert.equal(formatUsd(0.0042), "$0.0042");
  assert.equal(formatUsd(0.125), "$0.125");
  assert.equal(formatUsd(1234.5), "$1,234.50");
  assert.equal(formatUsd(-2), "-$2.00");
  assert.equal(formatUsd(undefined), NONE);
});

test("escapeHtml neutralises markup and attribute breakouts", () => {
  assert.equal(escapeHtml("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
  assert.equal(escapeHtml(`a"b'c&d\`e`), "a&quot;b&#39;c&amp;d&#96;e");
  assert.equal(escapeHtml("gpt-4o"), "gpt-4o");
  assert.equal(escapeHtml("&amp;"), "&amp;amp;"); // escaping is not idempotent on purpose: no double-decode
});

test("safeLabel strips controls and bidi overrides, caps length, keeps surrogate pairs whole", () => {
  assert.equal(safeLabel("  gpt-4o \n mini "), "gpt-4o mini");
  assert.equal(safeLabel("evil\u202Etxt.exe"), "eviltxt.exe");
  assert.equal(safeLabel("a\u0000b\u001bc\u200bd"), "abcd");
  assert.equal(safeLabel(""), "_none");
  assert.equal(safeLabel("\u202E"), "_none");
  assert.equal(safeLabel(null), "_none");
  assert.equal(safeLabel(42), "_none");
  const long = "\u{1F600}".repeat(100);
  const cut = safeLabel(long);
  assert.equal(Array.from(cut).length, MAX_LABEL);
  assert.ok(cut.endsWith("\u2026"));
  assert.ok(!/[\uD800-\uDBFF]\u2026/.test(cut), "no lone high surrogate before the ellipsis");
  assert.equal(safeLabel("<b>x</b>"), "<b>x</b>", "markup stays as text: it is written with textContent");
});
