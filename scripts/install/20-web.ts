// Install step: builds the web app (web/ → dist/web) with vite, and writes the base-map layers
// (Natural Earth countries and admin-1 provinces as GeoJSON, and the land and borders the map
// draws) next to it so the server starts fast.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildAdmin1, buildAdmin1Lines, buildBase, buildCountries } from "../../src/api/basemap.js";
import { WEB_BUILD_FORMAT, WEB_BUILD_STAMP } from "../../src/api/static.js";

const root = join(import.meta.dirname, "..", "..");
const out = join(root, "dist", "web");

// vite is a dev dependency: an install without them (--omit=dev) gets the API without the page.
let build: typeof import("vite").build;
try {
  ({ build } = await import("vite"));
} catch {
  console.warn("sitrep install: vite is not installed (dev dependencies omitted?); the web app is not built, the API still works");
  process.exit(0);
}

try {
  await build({
  root: join(root, "web"),
  base: "/",
  logLevel: "warn",
  publicDir: join(root, "web", "public"),
  build: {
    outDir: out,
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 2500,
    rollupOptions: { input: { index: join(root, "web", "index.html"), docs: join(root, "web", "docs.html") } },
  },
  });
} catch (err) {
  console.error(`web build failed: ${(err as Error).message}`);
  process.exit(1);
}

mkdirSync(join(out, "basemap"), { recursive: true });
writeFileSync(join(out, "basemap", "countries.geojson"), JSON.stringify(buildCountries("50m")));
writeFileSync(join(out, "basemap", "countries-110m.geojson"), JSON.stringify(buildCountries("110m")));
writeFileSync(join(out, "basemap", "admin1.geojson"), JSON.stringify(buildAdmin1()));
// What the map draws: land as one shape and each border once (served as static files).
for (const scale of ["110m", "50m"] as const) writeFileSync(join(out, "basemap", `base-${scale}.geojson`), JSON.stringify(buildBase(scale)));
writeFileSync(join(out, "basemap", "admin1-lines.geojson"), JSON.stringify(buildAdmin1Lines()));
writeFileSync(join(out, WEB_BUILD_STAMP), `${WEB_BUILD_FORMAT}\n`);
console.log(`web app built into ${out}`);
