// DOM building with text only: every string (agent names, error messages, attributes) goes into
// textContent or an attribute value, never into markup. No innerHTML anywhere, no inline handlers
// (listeners are added with addEventListener), no style attributes (the CSP forbids them).

type Child = Node | string | number | null | undefined | false;
type Props = Record<string, string | number | boolean | EventListener | undefined>;

/** Creates an element; props starting with "on" are listeners, others attributes; children are text or nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") e.addEventListener(k.slice(2), v as EventListener);
    else if (k === "text") e.textContent = String(v);
    // Through the CSSOM, never a style="" attribute: the CSP (style-src 'self') refuses those.
    else if (k === "style") e.style.cssText = String(v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  append(e, children);
  return e;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces the children of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

const SVG = "http://www.w3.org/2000/svg";

export function svg(tag: string, attrs: Record<string, string | number>, ...children: Node[]): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  children.forEach((c) => e.appendChild(c));
  return e;
}

/** A tiny line of values (null = gap) as inline SVG, for table cells. */
export function sparkline(values: (number | null)[], label: string, width = 96, height = 22): SVGElement {
  const max = Math.max(1e-9, ...values.map((v) => v ?? 0));
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const pts = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - ((v ?? 0) / max) * (height - 2)).toFixed(1)}`);
  const title = svg("title", {});
  title.textContent = label;
  return svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "spark", role: "img" },
    title, svg("polyline", { points: pts.join(" "), fill: "none", stroke: "currentColor", "stroke-width": 1.2 }));
}
