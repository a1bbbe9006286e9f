#!/usr/bin/env bash
# End-to-end test of the terminal UI in a real terminal (tmux):
# start pingcha on a temporary database, open a file, log a problem with
# Chinese text through send-keys, quit, and read it back with
# `pingcha --db X finding list --json`. Fails loudly; never sleeps for timing
# (every wait is a bounded poll for text on the screen).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if ! command -v tmux >/dev/null 2>&1; then
    echo "e2e_tmux: tmux not found, installing with apt-get" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
    $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq tmux >/dev/null
fi
command -v tmux >/dev/null 2>&1 || { echo "e2e_tmux: FAIL: tmux unavailable" >&2; exit 1; }

if [ -n "${PINGCHA_BIN:-}" ]; then
    BIN="$PINGCHA_BIN"          # given by tests/e2e_tmux.rs (cargo test)
else
    cargo build --quiet --bin pingcha
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/pingcha"
fi

TMP="$(mktemp -d)"
SOCK="pingcha-e2e-$$"
DB="$TMP/e2e.db"
cleanup() {
    tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT

fail() {
    echo "e2e_tmux: FAIL: $*" >&2
    echo "---- screen ----" >&2
    tmux -L "$SOCK" capture-pane -p -t e2e >&2 2>/dev/null || true
    echo "----------------" >&2
    exit 1
}

# Polls the screen until it contains $1 (fixed string), at most ~15 s.
wait_for() {
    local i
    for ((i = 0; i < 150; i++)); do
        if tmux -L "$SOCK" capture-pane -p -t e2e 2>/dev/null | grep -qF -- "$1"; then
            return 0
        fi
        sleep 0.1
    done
    fail "timed out waiting for “$1”"
}

send() { tmux -L "$SOCK" send-keys -t e2e "$@"; }

# A database with one file.
CASE_NO='潜市监罚〔2024〕15号'
cat >"$TMP/case.json" <<JSON
{"case_no":"$CASE_NO","department":"潜江市市场监督管理局","kind":"行政处罚","procedure":"普通程序","title":"某某超市销售超过保质期食品案","party":{"name":"潜江市某某超市有限公司","type":"法人"},"officers":[{"name":"张明","cert_no":"42090012345"},{"name":"李华","cert_no":"42090012346"}],"events":[{"stage":"立案","date":"2024-03-04"},{"stage":"决定","date":"2024-04-22"},{"stage":"送达","date":"2024-04-24"}],"decision":{"date":"2024-04-22","measures":["罚款"],"fine_yuan":50000}}
JSON
"$BIN" --db "$DB" import "$TMP/case.json" >/dev/null || fail "import"

tmux -L "$SOCK" -f /dev/null new-session -d -s e2e -x 120 -y 40 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color PINGCHA_REVIEWER= '$BIN' --db '$DB'; echo PINGCHA-EXITED=\$?; sleep 30"

wait_for "案卷列表"
wait_for "某某超市"
send Enter
wait_for "案卷详情"
wait_for "程序时间线"
# 登记问题 on the selected item; choose an item by searching its text.
send a
wait_for "登记问题"
send BTab
send -l "送达"
wait_for "送达回证"
send Tab
NOTE='送达回证缺少受送达人签名，无法确认送达日期'
send -l "$NOTE"
wait_for "无法确认送达日期"
send Tab
send -l "-"
send Tab
send -l "12-13"
send Tab
send -l "王五"
wait_for "王五"
send C-s
wait_for "已登记问题"
# Quit: back to the list, then q.
send q
wait_for "案卷列表"
send q
wait_for "PINGCHA-EXITED=0"

# The terminal was restored: the shell line is on the normal screen.
tmux -L "$SOCK" capture-pane -p -t e2e | grep -q "案卷列表" && fail "alternate screen not left"

OUT="$("$BIN" --db "$DB" finding list --json)" || fail "finding list"
grep -qF "$NOTE" <<<"$OUT" || fail "problem not in database: $OUT"
grep -qF '"reviewer": "王五"' <<<"$OUT" || grep -qF '"reviewer":"王五"' <<<"$OUT" || fail "reviewer not stored: $OUT"
grep -qF '"page": "12-13"' <<<"$OUT" || grep -qF '"page":"12-13"' <<<"$OUT" || fail "page not stored: $OUT"
echo "e2e_tmux: ok (problem logged in Chinese through tmux and read back with finding list --json)"
