// Copies the vendored browser assets into the Python package (served from /static, never from a CDN).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

const out = "../src/corroborate/web/static/vendor";
const files = {
  "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui/swagger-ui-bundle.js",
  "swagger-ui-dist/swagger-ui.css": "swagger-ui/swagger-ui.css",
  "swagger-ui-dist/LICENSE": "swagger-ui/LICENSE",
  "world-atlas/countries-110m.json": "world-atlas/countries-110m.json",
  "world-atlas/countries-50m.json": "world-atlas/countries-50m.json",
  "world-atlas/LICENSE": "world-atlas/LICENSE",
};
for (const [src, dst] of Object.entries(files)) {
  const target = join(out, dst);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join("node_modules", src), target);
  console.log(`${src} -> ${target}`);
}
