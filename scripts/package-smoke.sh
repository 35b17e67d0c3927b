#!/usr/bin/env bash
# Package smoke test: what a package user does first, on the packed tarball.
#
#  1. packs the package (npm pack, with its prepack trimming) from the compiled lib/;
#  2. creates a fresh cdk8s TypeScript project in a temporary folder and installs the tarball with the peers and the
#     tools the README's Install section names (npm registry only; the npm cache is reused, --prefer-offline);
#  3. writes the README's main.ts, cdk8s.yaml (with the validation plugin) and tsconfig.json, taken from the README;
#  4. runs `cdk8s synth`, then `cdk8s-gateway-api validate dist/` and `cdk8s-gateway-api analyze dist/`: all must exit 0;
#  5. checks that `npm ls` is clean and prints the installed size and the cold require() times.
#
# Usage: scripts/package-smoke.sh (after `npx projen compile` or `npx projen build`); KEEP=1 keeps the project folder.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

[ -f lib/src/index.js ] || { echo "package-smoke: lib/ is not compiled: run npx projen compile first" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cdk8s-gateway-api-smoke.XXXXXX")"
if [ "${KEEP:-}" = "1" ]; then echo "package-smoke: project kept in $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
step() { printf '\n--- package-smoke: %s\n' "$1"; }

step "npm pack"
TARBALL="$WORK/$(npm pack --silent --pack-destination "$WORK" | tail -n 1)"
ls -l "$TARBALL"

step "a fresh cdk8s TypeScript project in $WORK/app"
APP="$WORK/app"
mkdir -p "$APP"
cd "$APP"
cat > package.json <<'EOF'
{ "name": "smoke-app", "version": "0.0.0", "private": true }
EOF
# the README's install lines, with the tarball for the package; versions as this repository tests them
DEV_VERSION() { node -p "require('$ROOT/package.json').devDependencies['$1']"; }
npm install --no-audit --no-fund --prefer-offline --loglevel=error \
  "$TARBALL" "cdk8s@$(DEV_VERSION cdk8s)" "constructs@$(DEV_VERSION constructs)" "cdk8s-plus-28@$(DEV_VERSION cdk8s-plus-28)"
npm install --no-audit --no-fund --prefer-offline --loglevel=error --save-dev \
  "cdk8s-cli@$(DEV_VERSION cdk8s-cli)" "ts-node@$(DEV_VERSION ts-node)" "typescript@~5.9" "@types/node@$(DEV_VERSION @types/node)"

step "main.ts, cdk8s.yaml and tsconfig.json from the README's Install section"
node - "$ROOT/README.md" <<'EOF'
// the same fences test/readme.test.ts reads: ```<lang> <file name>
const fs = require('fs');
const markdown = fs.readFileSync(process.argv[2], 'utf8');
for (const [lang, file] of [['ts', 'main.ts'], ['yaml', 'cdk8s.yaml'], ['json', 'tsconfig.json']]) {
  const found = [...markdown.matchAll(new RegExp('```' + lang + ' ' + file.replace('.', '\\.') + '(?: fixture=[\\w-]+)?\\n([\\s\\S]*?)```', 'g'))];
  if (found.length !== 1) throw new Error(`README.md has ${found.length} \`\`\`${lang} ${file} blocks, expected 1`);
  fs.writeFileSync(file, found[0][1]);
  console.log(`${file}: ${found[0][1].split('\n').length - 1} lines`);
}
EOF
grep -q 'GatewayApiValidationPlugin' cdk8s.yaml

step "cdk8s synth (with the validation plugin)"
npx cdk8s synth --check-upgrade=false
ls dist/*.k8s.yaml
grep -q '^kind: HTTPRoute$' dist/*.k8s.yaml

step "cdk8s-gateway-api validate dist/"
npx cdk8s-gateway-api validate dist/

step "cdk8s-gateway-api analyze dist/"
npx cdk8s-gateway-api analyze --output table dist/

step "npm ls (every runtime dependency declared or bundled), and the bundled packages load from the installed package"
npm ls --all --omit=dev > /dev/null
node -e '
const pkg = require.resolve("cdk8s-gateway-api");
for (const dep of Object.keys(require("cdk8s-gateway-api/package.json").dependencies)) require(require.resolve(dep, { paths: [pkg] }));
require(require.resolve("@viz-js/viz", { paths: [pkg] })).instance()
  .then((viz) => { if (!viz.renderString("digraph { a -> b }", { format: "svg" }).includes("<svg")) throw new Error("viz rendered no SVG"); console.log("bundled packages load"); });'
test "$(npx cdk8s-gateway-api --version)" = "$(node -p 'require("cdk8s-gateway-api/package.json").version')"

step "installed size and cold require()"
echo "installed: $(du -sk node_modules/cdk8s-gateway-api | cut -f1) KiB in node_modules/cdk8s-gateway-api" \
  "(cdk8s: $(du -sk node_modules/cdk8s | cut -f1) KiB, cdk8s-plus-28: $(du -sk node_modules/cdk8s-plus-28 | cut -f1) KiB)"
node - <<'EOF'
// fresh processes, alternating, median of 10 each
const { execFileSync } = require('child_process');
const time = (mod) => Number(execFileSync(process.execPath, ['-e',
  `const t = process.hrtime.bigint(); require('${mod}'); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6))`],
  { encoding: 'utf8' }));
const runs = { 'cdk8s': [], 'cdk8s-gateway-api': [] };
for (let i = 0; i < 10; i++) for (const mod of Object.keys(runs)) runs[mod].push(time(mod));
const median = (v) => { const s = [...v].sort((a, b) => a - b); return (s[4] + s[5]) / 2; };
const [base, pkg] = [median(runs['cdk8s']), median(runs['cdk8s-gateway-api'])];
console.log(`cold require(): cdk8s ${base.toFixed(0)} ms, cdk8s-gateway-api ${pkg.toFixed(0)} ms (${(pkg / base).toFixed(2)}x)`);
EOF

step "ok: synth, validate and analyze pass on the packed package"
