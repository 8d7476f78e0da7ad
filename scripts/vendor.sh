#!/usr/bin/env bash
# Refresh the JavaScript the web application serves itself, from the npm registry, at the exact
# versions in web-assets/package.json. The results are committed, so neither the demo nor the
# tests need Node.js; run this only to change a version.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp web-assets/package.json web-assets/vega-interpreter-entry.js "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent && \
  npx esbuild vega-interpreter-entry.js --bundle --minify --format=iife --outfile=vega-interpreter.min.js)
vendor=sigtepunkt/web/static/vendor
cp "$work"/node_modules/vega/build/vega.min.js "$work"/node_modules/vega-lite/build/vega-lite.min.js \
   "$work"/node_modules/vega-embed/build/vega-embed.min.js "$work"/vega-interpreter.min.js \
   "$work"/node_modules/htmx.org/dist/htmx.min.js "$vendor/"
cp "$work"/node_modules/axe-core/axe.min.js tests/browser/axe.min.js
echo "Opdateret: $vendor og tests/browser/axe.min.js"
