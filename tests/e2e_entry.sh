#!/usr/bin/env bash
# End-to-end test of the entry form in a real terminal (tmux): start pingcha
# on an empty database, open 新建案卷 with N, type a paper dossier whose
# 送达 is late (stages by pinyin initials, short dates), watch the check
# appear beside the timeline while typing, save with Ctrl-S, quit, and read
# the stored suggestion back with `pingcha check --json`. Every wait is a
# bounded poll for text on the screen.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v tmux >/dev/null 2>&1 || { echo "e2e_entry: FAIL: tmux unavailable" >&2; exit 1; }

if [ -n "${PINGCHA_BIN:-}" ]; then
    BIN="$PINGCHA_BIN"
else
    cargo build --quiet --bin pingcha
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/pingcha"
fi

TMP="$(mktemp -d)"
SOCK="pingcha-entry-$$"
DB="$TMP/entry.db"
cleanup() {
    tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT

fail() {
    echo "e2e_entry: FAIL: $*" >&2
    echo "---- screen ----" >&2
    tmux -L "$SOCK" capture-pane -p -t e2e >&2 2>/dev/null || true
    echo "----------------" >&2
    exit 1
}

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

tmux -L "$SOCK" -f /dev/null new-session -d -s e2e -x 120 -y 40 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$BIN' --db '$DB'; echo PINGCHA-EXITED=\$?; sleep 30"

CASE_NO='潜市监罚〔2024〕15号'
wait_for "案卷列表"
send N
wait_for "新建案卷"
send '?'
wait_for "拼音首字母"
send Escape
wait_for "尚缺或有误"
send -l "$CASE_NO"
send Tab
send -l "潜江市市场监督管理局"
send Tab Tab Tab
send -l "某某超市销售超过保质期食品案"
# 执法人员: two officers.
send Tab NPage
send -l "张明"
send Tab
send -l "42090012345"
send Tab Enter
send -l "李华"
send Tab
send -l "42090012346"
send NPage
wait_for "重大执法决定"
send Tab Tab
# The timeline: 立案 0304, 告知 0410, 决定 0422, 送达 0513 (14 working days).
for step in "la 0304" "gz 0410" "jd 0422" "sd 0513"; do
    set -- $step
    send -l "$1"
    send Tab
    send -l "$2"
    send Enter
done
wait_for "2024-05-13"
wait_for "逾期"
send C-s
wait_for "已保存 $CASE_NO"
send q
wait_for "PINGCHA-EXITED=0"

OUT="$("$BIN" --db "$DB" check --json)" || fail "check --json"
grep -qF '"rule": "service"' <<<"$OUT" || grep -qF '"rule":"service"' <<<"$OUT" || fail "no service suggestion: $OUT"
grep -qF "2024年5月13日" <<<"$OUT" || fail "late date not in the suggestion: $OUT"
LIST="$("$BIN" --db "$DB" finding list --json)" || fail "finding list"
grep -qF "2024年5月13日" <<<"$LIST" || fail "suggestion not stored: $LIST"
echo "e2e_entry: ok (dossier typed through tmux; the late 送达 read back with check --json)"
