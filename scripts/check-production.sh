#!/usr/bin/env bash
# Guards the production path of docs/deployment.md (`npm run check:prod`, and in CI): a clean clone of
# the committed HEAD, `npm ci`, `npm run build`, `npm prune --omit=dev`, then `npm run start:prod`
# must serve the web app and the API with no dev dependency installed, and the CLI beside it must
# create a working API key through the running server. Takes a minute or two (mostly `npm ci`).
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/rapport-prodcheck-XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "check-production: $*" >&2
  [ -f "$work/server.log" ] && tail -n 40 "$work/server.log" >&2
  exit 1
}

git clone -q "$src" "$work/app"
cd "$work/app"
npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
npm prune --omit=dev --no-audit --no-fund --loglevel=error
for dev in tsx vite esbuild typescript vitest; do
  [ ! -e "node_modules/$dev" ] || fail "dev dependency $dev is still installed after npm prune"
done

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
url="http://127.0.0.1:$port"
export RAPPORT_DATA_DIR="$work/data" PORT="$port" RAPPORT_DEMO=off
# Its own process group, so the cleanup stops npm, the shell and the server together.
setsid npm run start:prod >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do
  curl -sf "$url/healthz" >/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || fail "npm run start:prod exited"
  sleep 0.5
done
curl -sf "$url/healthz" >/dev/null || fail "not healthy within 120 s"
curl -sf "$url/" | grep -q '<div id="root">' || fail "the web app is not served at /"
curl -sf "$url/api/v1/openapi.json" | grep -q '"openapi"' || fail "no OpenAPI document"

node bin/rapport.js org create --slug prodcheck --name "Production check" >/dev/null ||
  fail "rapport org create failed beside the server"
key="$(node bin/rapport.js apikey create --org prodcheck --scopes read)"
status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "$url/api/v1/conversations")"
[ "$status" = 200 ] || fail "the printed API key got $status from the API"
grep -q '"command":"apikey create"' "$work/server.log" || fail "the CLI did not go through the server"
echo "check-production: build, prune and start:prod serve the web app, the API and the CLI"
