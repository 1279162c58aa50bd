#!/usr/bin/env bash
# Checks migrations/versions/ against the seed's phase-2 schema and the phase-1 fixtures, with psql only
# (it simulates the engine: one transaction per revision section, or statement by statement for
# `-- migrate:transaction false`).
#
#   scripts/check-phase2-migrations.sh          uses PGHOST/PGPORT/PGUSER (default: /tmp/schema-pg, 55442, postgres)
#
# Creates (and first drops) databases named p2chk_*. Prints PASS/FAIL per check; exits 1 if any check fails.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
versions=$repo/migrations/versions
checks=$repo/scripts/phase2-checks
fixtures=$repo/Tests/MigrateKitTests/Fixtures
export PGHOST=${PGHOST:-/tmp/schema-pg} PGPORT=${PGPORT:-55442} PGUSER=${PGUSER:-postgres}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

psql_() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect_same() { # label file1 file2 (files may be process substitutions: read each once)
    cat "$2" > "$work/left"; cat "$3" > "$work/right"
    if cmp -s "$work/left" "$work/right"; then pass "$1"; else fail "$1"; diff "$work/left" "$work/right" | head -20; fi
}
fresh_db() {
    psql_ -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" 2>/dev/null
    : > "$work/state-$1"
}
dump_schema() { pg_dump --schema-only "$@" | grep -v '^\\\(un\)\?restrict '; }
catalog() { psql_ -At -d "$1" -f "$checks/catalog.sql" | grep -v '^schema verify$'; }
# Runs an SQL file of checks printing "name|problems" rows; every problems value must be 0.
run_checks() { # db file
    local out; out=$(psql_ -At -F '|' -d "$1" -f "$2" 2>&1) || { fail "$2 did not run: $out"; return; }
    while IFS='|' read -r name problems; do
        [ -z "$problems" ] && continue
        if [ "$problems" = 0 ]; then pass "$name"; else fail "$name ($problems problems)"; fi
    done <<< "$(echo "$out" | grep -E '\|[0-9]+$')"
    echo "$out" | grep -v -E '\|[0-9]+$' | grep -v '^$' || true
}

# --- engine simulation ------------------------------------------------------------------------------------
chain=()
parent=none
while :; do
    next=$(grep -l -E "^-- migrate:down_revision +$parent\s*$" "$versions"/*.sql || true)
    [ -z "$next" ] && break
    parent=$(basename "$next" | cut -d_ -f1)
    chain+=("$parent")
done
section() { # file up|down: the section's text, as the revision format defines it
    awk -v want="$2" '/^-- migrate:up$/ {s = "up"; next} /^-- migrate:down$/ {s = "down"; next} s == want' "$1"
}
run_section() { # db id up|down
    local file; file=$(ls "$versions/$2"_*.sql)
    section "$file" "$3" > "$work/section.sql"
    if grep -q '^-- migrate:transaction false' "$file"; then
        psql_ -d "$1" -f "$work/section.sql" > /dev/null 2>> "$work/notices"
    else
        psql_ -d "$1" -1 -f "$work/section.sql" > /dev/null 2>> "$work/notices"
    fi
}
up() { # db [steps]
    local n=0 id
    for id in "${chain[@]}"; do
        grep -qx "$id" "$work/state-$1" && continue
        [ "$n" -ge "${2:-999}" ] && break
        run_section "$1" "$id" up || { fail "upgrade $1 at $id"; return 1; }
        echo "$id" >> "$work/state-$1"; n=$((n + 1))
    done
    return 0
}
down() { # db [steps]
    local n=0 id
    while [ -s "$work/state-$1" ] && [ "$n" -lt "${2:-999}" ]; do
        id=$(tail -1 "$work/state-$1")
        run_section "$1" "$id" down || { fail "downgrade $1 at $id"; return 1; }
        sed -i '$d' "$work/state-$1"; n=$((n + 1))
    done
    return 0
}
echo "revision chain: ${chain[*]}"

# --- 1. empty database: upgrade head == the seed's DDL ----------------------------------------------------
fresh_db p2chk_seed
psql_ -d p2chk_seed -f "$repo/schema/phase2.sql"
dump_schema p2chk_seed > "$work/seed.dump"
catalog p2chk_seed > "$work/seed.catalog"
fresh_db p2chk_empty
up p2chk_empty
dump_schema p2chk_empty > "$work/head.dump"
expect_same "empty DB at head: pg_dump --schema-only, sorted lines, identical to schema/phase2.sql" \
    <(sort "$work/head.dump") <(sort "$work/seed.dump")
expect_same "empty DB at head: pg_dump --schema-only identical line for line (same column order)" \
    "$work/head.dump" "$work/seed.dump"
catalog p2chk_empty > "$work/head.catalog"
expect_same "empty DB at head: catalog facts identical (columns by position, defaults, constraints, indexes)" \
    "$work/head.catalog" "$work/seed.catalog"
for index in idx_tasks_search idx_workflows_search; do
    q="SELECT pg_get_indexdef('$index'::regclass)"
    expect_same "pg_get_indexdef($index) identical" \
        <(psql_ -At -d p2chk_empty -c "$q") <(psql_ -At -d p2chk_seed -c "$q")
done
psql_ -At -d p2chk_empty -c "SELECT pg_get_indexdef('idx_tasks_search'::regclass)"

# --- 2. full downgrade leaves nothing; upgrading again gives the same catalog ------------------------------
down p2chk_empty
left=$(psql_ -At -d p2chk_empty -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'")
schemas=$(psql_ -At -d p2chk_empty -c "SELECT string_agg(nspname, ',') FROM pg_namespace
    WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema'")
if [ "$left" = 0 ] && [ "$schemas" = public ]; then pass "full downgrade: no relation left, only schema public"
else fail "full downgrade left $left relations, schemas $schemas"; fi
up p2chk_empty
expect_same "upgrade after full downgrade: pg_dump identical" <(dump_schema p2chk_empty) "$work/seed.dump"

# --- 3. every revision: down then up again gives the same catalog ------------------------------------------
fresh_db p2chk_steps
for id in "${chain[@]}"; do
    up p2chk_steps 1
    catalog p2chk_steps > "$work/step.before"
    dump_schema --schema=public p2chk_steps > "$work/step.dump.before"
    down p2chk_steps 1 && up p2chk_steps 1
    expect_same "revision $id: down + up restores the catalog" <(catalog p2chk_steps) "$work/step.before"
    expect_same "revision $id: down + up restores pg_dump" <(dump_schema --schema=public p2chk_steps) \
        "$work/step.dump.before"
done

# --- 4. messy phase-1 data: up, every row converted; down, original values back ----------------------------
fresh_db p2chk_phase1
up p2chk_phase1 1
catalog p2chk_phase1 > "$work/phase1.catalog"
dump_schema --schema=public p2chk_phase1 > "$work/phase1.dump"
fresh_db p2chk_messy
up p2chk_messy 1
psql_ -d p2chk_messy -f "$fixtures/phase1_messy_data.sql"
psql_ -d p2chk_messy -f "$checks/snapshot.sql"
copy_out() { # db suffix
    psql_ -d "$1" -c "\\copy (SELECT * FROM agents ORDER BY id COLLATE \"C\") TO '$work/agents.$2'" \
                  -c "\\copy (SELECT * FROM tasks ORDER BY id COLLATE \"C\") TO '$work/tasks.$2'"
}
copy_out p2chk_messy before
echo "messy data: $(wc -l < "$work/agents.before") agents, $(wc -l < "$work/tasks.before") tasks"
for cycle in 1 2; do
    # Session settings the conversion must not depend on.
    PGOPTIONS='-c TimeZone=Pacific/Chatham -c DateStyle=SQL,DMY -c standard_conforming_strings=off' up p2chk_messy
    run_checks p2chk_messy "$checks/verify_head.sql"
    expect_same "messy DB at head (cycle $cycle): public catalog identical to the seed's" \
        <(catalog p2chk_messy | grep -v '^schema phase1_archive$') "$work/seed.catalog"
    expect_same "messy DB at head (cycle $cycle): pg_dump --schema=public identical to the seed's" \
        <(dump_schema --schema=public p2chk_messy) <(dump_schema --schema=public p2chk_seed)
    PGOPTIONS='-c TimeZone=America/St_Johns -c DateStyle=German' down p2chk_messy $(( ${#chain[@]} - 1 ))
    run_checks p2chk_messy "$checks/verify_phase1.sql"
    copy_out p2chk_messy after
    expect_same "messy DB back at phase 1 (cycle $cycle): agents byte-identical (COPY text)" \
        "$work/agents.before" "$work/agents.after"
    expect_same "messy DB back at phase 1 (cycle $cycle): tasks byte-identical (COPY text)" \
        "$work/tasks.before" "$work/tasks.after"
    expect_same "messy DB back at phase 1 (cycle $cycle): catalog identical to a fresh phase 1" \
        <(catalog p2chk_messy) "$work/phase1.catalog"
    expect_same "messy DB back at phase 1 (cycle $cycle): pg_dump --schema=public identical to a fresh phase 1" \
        <(dump_schema --schema=public p2chk_messy) "$work/phase1.dump"
done

# --- 5. phase-2 writes between upgrade and downgrade ---------------------------------------------------------
up p2chk_messy
psql_ -d p2chk_messy -f "$checks/phase2_writes.sql"
down p2chk_messy $(( ${#chain[@]} - 1 ))
run_checks p2chk_messy "$checks/verify_phase2_writes.sql"
up p2chk_messy && pass "upgrade again after phase-2 writes and a downgrade"

# --- 6. bad rows: the conversion fails naming them, and nothing changes ---------------------------------------
bad_case() { # fixture sqlstate ids...
    local fixture=$1 code=$2; shift 2
    local db=p2chk_bad
    fresh_db $db
    up $db 1
    psql_ -d $db -f "$fixtures/$fixture"
    pg_dump $db | grep -v '^\\\(un\)\?restrict ' > "$work/bad.before"
    section "$(ls "$versions/${chain[1]}"_*.sql)" up > "$work/section.sql"
    local out; out=$(psql_ -d $db -v VERBOSITY=verbose -1 -f "$work/section.sql" 2>&1 >/dev/null)
    local message; message=$(echo "$out" | grep -m1 'ERROR:')
    if echo "$message" | grep -q "ERROR:  $code: cannot convert phase-1 data"; then
        pass "$fixture: fails with SQLSTATE $code"
    else
        fail "$fixture: expected SQLSTATE $code, got: $message"
    fi
    local id missing=""
    for id in "$@"; do echo "$message" | grep -qF "$id" || missing="$missing $id"; done
    if [ -z "$missing" ]; then pass "$fixture: message names$(printf ' %s' "$@")"
    else fail "$fixture: not named:$missing"; fi
    if echo "$message" | grep -q "'good"; then fail "$fixture: message names a valid row"
    else pass "$fixture: names no valid row"; fi
    echo "$out" | grep -q '^HINT:' && pass "$fixture: has a HINT" || fail "$fixture: no HINT"
    expect_same "$fixture: database unchanged after the rollback (pg_dump schema + data)" \
        "$work/bad.before" <(pg_dump $db | grep -v '^\\\(un\)\?restrict ')
    echo "$out" | sed -n '/ERROR:/,/HINT:/p' | cut -c1-160 | head -8
}
bad_case phase1_bad_json.sql 22P02 "agents ''" "agents 'bad-json-1'" "agents 'bad-json-2'" "agents 'bad-json-3'" \
    "agents 'bad-json-4'"
bad_case phase1_bad_timestamp.sql 22007 "agents 'bad-ts-1'" "agents 'bad-ts-2'" "agents 'bad-ts-3'" \
    "agents 'bad-ts-4'" "agents 'bad-ts-5'" "agents 'bad-ts-6'" "agents 'bad-ts-7'" "agents 'bad-ts-8'" \
    "tasks 'bad-ts-task-1'" "tasks 'bad-ts-task-2'" "tasks 'bad-ts-task-3'"
bad_case phase1_bad_check.sql 23514 "agents 'boss'" "agents 'capitalised'" "tasks 'done'" "tasks 'critical'"
bad_case phase1_bad_length.sql 22001 "agents 'long-name'" "agents 'long-model'" "tasks 'long-title'"

# --- 7. an interrupted CREATE INDEX CONCURRENTLY revision can be run again ----------------------------------
# A transaction left open elsewhere makes CONCURRENTLY wait; lock_timeout cancels it, leaving an INVALID index.
last=${chain[${#chain[@]} - 1]}
fresh_db p2chk_cic
up p2chk_cic $(( ${#chain[@]} - 1 ))
psql_ -d p2chk_cic -c "INSERT INTO tasks (title) SELECT 'task ' || g FROM generate_series(1, 1000) g"
( printf "BEGIN;\nINSERT INTO tasks (title) VALUES ('held open');\nSELECT pg_sleep(6);\nCOMMIT;\n" |
    PGAPPNAME=p2chk_holder psql_ -d p2chk_cic > /dev/null ) &
holder=$!
for _ in $(seq 50); do
    [ "$(psql_ -At -d p2chk_cic -c "SELECT count(*) FROM pg_stat_activity
        WHERE application_name = 'p2chk_holder' AND query LIKE '%pg_sleep%'")" = 1 ] && break
    sleep 0.1
done
section "$(ls "$versions/$last"_*.sql)" up > "$work/cic.sql"
if PGOPTIONS='-c lock_timeout=300ms' psql_ -d p2chk_cic -f "$work/cic.sql" > /dev/null 2>&1; then
    fail "revision $last: expected the CONCURRENTLY build to time out while a transaction is open"
fi
invalid=$(psql_ -At -d p2chk_cic -c "SELECT count(*) FROM pg_index WHERE NOT indisvalid")
if [ "$invalid" -ge 1 ]; then pass "revision $last interrupted: $invalid INVALID index left behind"
else fail "revision $last interrupted: expected an INVALID index"; fi
wait "$holder"
if psql_ -d p2chk_cic -f "$work/cic.sql" > /dev/null 2>&1; then pass "revision $last: runs again after the interruption"
else fail "revision $last: rerun failed"; fi
echo "$last" >> "$work/state-p2chk_cic"
invalid=$(psql_ -At -d p2chk_cic -c "SELECT count(*) FROM pg_index WHERE NOT indisvalid")
[ "$invalid" = 0 ] && pass "revision $last rerun: no INVALID index" || fail "revision $last rerun: $invalid INVALID"
expect_same "revision $last rerun: catalog identical to the seed's" <(catalog p2chk_cic) "$work/seed.catalog"

echo
if [ "$failures" = 0 ]; then echo "all checks passed"; else echo "$failures check(s) failed"; exit 1; fi
