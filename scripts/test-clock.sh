#!/usr/bin/env bash
# Runs the tests with the clock moved (libfaketime, Debian package `faketime`) to each of the next seven
# days and across the next month boundary, to prove that no test depends on the date or weekday it runs
# on (the demo organization is seeded relative to the current time). The moved clock ticks normally.
#
#   scripts/test-clock.sh                       # npm test, on each day
#   scripts/test-clock.sh npx vitest run --config vitest.e2e.config.ts   # any command
#   DAYS="2027-03-28T00:30:00Z" scripts/test-clock.sh    # chosen instants (UTC) instead
#
# PostgreSQL keeps the machine's real clock (its now() would disagree with the moved one), so these runs
# cover PGlite, which runs in-process and sees the moved clock like the server and the browser do.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || { echo "faketime is missing: apt-get install faketime" >&2; exit 2; }
[ $# -gt 0 ] || set -- npm test

if [ -z "${DAYS:-}" ]; then
  now=$(date -u +%H:%M:%S)
  DAYS=""
  for d in 1 2 3 4 5 6 7; do DAYS+="$(date -u -d "+$d day" +%Y-%m-%d)T${now}Z "; done
  # Ten minutes before midnight on the last day of the month: the run crosses into the next month.
  DAYS+="$(date -u -d "$(date -u -d '+1 month' +%Y-%m-01) -1 day" +%Y-%m-%d)T23:50:00Z"
fi

# Build the web app on the real clock: files written under a moved clock would look newer than later edits.
node scripts/build.mjs --if-stale

failed=()
for day in $DAYS; do
  echo "== clock at $day ($(date -u -d "$day" +%A)) =="
  stamp=$(date -u -d "$day" '+%Y-%m-%d %H:%M:%S')
  if ! env -u TEST_DATABASE_URL TZ=UTC faketime "$stamp" "$@"; then failed+=("$day"); fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed with the clock at: ${failed[*]}" >&2
  exit 1
fi
echo "passed on every day: $DAYS"
