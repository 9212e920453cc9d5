// A DOM for the view tests (happy-dom), installed as globals before any view module loads:
// import this first. Only what the views and uPlot's module start touch.
import { Window } from "happy-dom";

const w = new Window({ url: "http://localhost/" });
const g = globalThis as Record<string, unknown>;
for (const k of ["window", "document", "HTMLElement", "Node", "Event", "CustomEvent", "getSelection", "matchMedia", "getComputedStyle",
  "ResizeObserver", "requestAnimationFrame", "devicePixelRatio", "location", "navigator"] as const) {
  const v = (w as unknown as Record<string, unknown>)[k];
  g[k] = typeof v === "function" && !/^[A-Z]/.test(k) ? (v as (...a: unknown[]) => unknown).bind(w) : v;
}
document.body.innerHTML = '<main></main><p id="problem" hidden></p><section id="alerts-panel"></section>';

/** Every element whose tag or attributes could run script: none may come from data. */
export function activeContent(root: ParentNode): string[] {
  return [...root.querySelectorAll("img, script, iframe, object, svg [onload], [onerror], [onclick], [onload]")]
    .map((e) => e.outerHTML);
}
