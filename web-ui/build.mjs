// Builds the page into dist/ (or OUT_DIR), and with --tests bundles test/*.test.ts into build-test/.
// esbuild does no type checking: `npm run build` runs `tsc --noEmit` first.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const tests = process.argv.includes("--tests");
const out = tests ? "build-test" : (process.env.OUT_DIR || "dist");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

if (tests) {
  const entries = readdirSync("test").filter((f) => f.endsWith(".test.ts")).map((f) => join("test", f));
  await build({
    entryPoints: entries, outdir: out, bundle: true, platform: "node", format: "esm",
    target: "node20", outExtension: { ".js": ".mjs" }, sourcemap: "inline", logLevel: "warning",
    external: ["happy-dom"], // the DOM of the view tests (test/dom-env.ts), loaded from node_modules
  });
} else {
  // Content-hashed names under assets/: query-api caches /assets/* for a year (immutable) and
  // revalidates index.html, so a deployment is picked up on the next load.
  const result = await build({
    entryPoints: ["src/main.ts"], outdir: out, bundle: true, format: "esm", target: ["es2022"],
    entryNames: "assets/[name]-[hash]", minify: true, sourcemap: true, metafile: true, logLevel: "warning",
  });
  const outputs = Object.keys(result.metafile.outputs).map((p) => relative(out, p).split(sep).join("/"));
  const pick = (ext) => {
    const found = outputs.find((p) => p.endsWith(ext));
    if (!found) throw new Error(`esbuild produced no ${ext} file.`);
    return found;
  };
  const html = readFileSync("src/index.html", "utf8")
    .replace('href="main.css"', `href="${pick(".css")}"`)
    .replace('src="main.js"', `src="${pick(".js")}"`);
  writeFileSync(join(out, "index.html"), html);
  // uPlot is MIT: its notice travels with the bundle.
  copyFileSync("node_modules/uplot/LICENSE", join(out, "THIRD-PARTY-uplot-LICENSE.txt"));
}
console.log(`built ${out}/`);
