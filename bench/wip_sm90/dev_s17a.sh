#!/bin/bash
# Session 17 call 1: the three prepared scripts in one call (one cold start): dev_next_s17.sh
# (tile-multiple tests through the rotated walks, RP / partial rotation A/B), dev_next_s17c.sh
# (mbarrier suspend-time hints), dev_next_s17b.sh (profiles), each with its own output folder.
# carry .carry/bins.tar.xz (mkvariants_s17.sh then mkvariants_s17c.sh).
t0=$(date +%s)
run() { # name limit script
  mkdir -p "$OUT/$1"; rm -rf /tmp/t
  OUT="$OUT/$1" timeout "$2" bash "$3" > "$OUT/$1/stdout.txt" 2>&1
  echo "== $1 rc=$? $(( $(date +%s) - t0 ))s"; cat "$OUT/$1/summary.txt" 2>/dev/null
}
run s17 300 bench/wip_sm90/dev_next_s17.sh
run s17c 170 bench/wip_sm90/dev_next_s17c.sh
left=$(( 585 - ($(date +%s) - t0) ))
[ $left -gt 60 ] && run s17b $left bench/wip_sm90/dev_next_s17b.sh
