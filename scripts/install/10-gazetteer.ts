// Install step: compiles the offline gazetteer (data/build/gazetteer.bin) from the GeoNames,
// Natural Earth and world-countries packages plus data/geo/supplement.json. See src/geo/build.ts.
import { buildGazetteer, DEFAULT_STORE_PATH } from "../../src/geo/build.js";

const t0 = Date.now();
const r = buildGazetteer(DEFAULT_STORE_PATH);
console.log(
  `sitrep gazetteer: ${r.features} features, ${r.keys} name keys, ${(r.bytes / 1e6).toFixed(1)} MB → ${DEFAULT_STORE_PATH} (${Date.now() - t0} ms)`,
);
