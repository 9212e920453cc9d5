// Builds the page into dist/ (or OUT_DIR), and with --tests bundles test/*.test.ts into build-test/.
// esbuild does no type checking: `npm run build` runs `tsc --noEmit` first.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const tests = process.argv.includes("--tests");
const out = tests ? "build-test" : (process.env.OUT_DIR || "dist");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

if (tests) {
  const entries = readdirSync("test").filter((f) => f.endsWith(".test.ts")).map((f) => join("test", f));
  await build({
    entryPoints: entries, outdir: out, bundle: true, platform: "node", format: "esm",
    target: "node20", outExtension: { ".js": ".mjs" }, sourcemap: "inline", logLevel: "warning",
  });
} else {
  await build({
    entryPoints: ["src/main.ts"], outdir: out, bundle: true, format: "esm", target: ["es2022"],
    minify: true, sourcemap: true, logLevel: "warning",
  });
  copyFileSync("src/index.html", join(out, "index.html"));
  // uPlot is MIT: its notice travels with the bundle.
  copyFileSync("node_modules/uplot/LICENSE", join(out, "THIRD-PARTY-uplot-LICENSE.txt"));
}
console.log(`built ${out}/`);
