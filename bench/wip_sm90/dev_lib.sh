#!/bin/bash
# Sourced by the dev_next_s22*.sh device scripts (device machine): the parts every call repeats.
#   dev_begin DIR CHECK  $O (= $OUT), the log folder DIR as $T, `el` (seconds since the start),
#                        PYTHONPATH; unpacks .carry/bins.tar.xz unless the file CHECK exists
#   forced_sm90 "BUILDS" CASES SEED
#                        in the background: each build's test_gpu with the sm90 kernel forced at
#                        d64, d128 and d256 (seeds SEED+1, SEED+2, ...), logs $T/BUILD_sm90_D.log
#   test_summary         one line per $T/*.log (sanitizer summary, last line, first failures),
#                        appended to $O/summary.txt, then the elapsed time
#   ncu_ab "BUILDS" ARGS bench/pa_ncu.py ARGS for each build, the builds alternated twice, then
#                        ab_table.py's table (each row's shortest of the two against the first build);
#                        files $T/${AB_PREFIX:-h}_BUILD_PASS*
#   gather_ab "VARIANTS" DIMS PAGES CASES SEED
#                        each variant's test_gpu forced to the gather at each head_dim of DIMS
#                        (CASES cases, seed SEED), test_summary, then ncu_ab of build and the
#                        variants at DIMS / PAGES, causal both (session 26's A/B calls)
#   gather_variant_tests "VARIANTS" D SEED TO
#                        in the background: each build_VARIANT's test_gpu forced to the gather at
#                        head_dim D, the default list (30 cases, SEED) and pages 1..17 (30, SEED+1),
#                        timeout TO; logs $T/VARIANT_{g,gpages}.log (session 32's A/B calls)
#   build_checks SEED DIMS
#                        in the background, the committed build's tests before an integrated run:
#                        automatic (SEED), forced sm90 at each head_dim (SEED+11..), forced gather
#                        at each of DIMS (SEED+20+d), and the d256 gather on pages 1..100 (SEED+30),
#                        its last-wave pieces (SEED+31), racecheck (SEED+32), memcheck (SEED+33)
#                        (session 26's call 4, session 27's call 1)
#   d256_gather_more BUILD SEED PRE SUF T1 T2
#                        in the background: BUILD's test_gpu forced to the d256 gather on pages
#                        1..100 (SEED), its last-wave pieces (SEED+1) (timeout T1), racecheck (SEED+2)
#                        and memcheck (SEED+3) (timeout T2); logs $T/PRE{gpages,gtail,rc,mc}SUF.log
#   d256_checks NAME BUILD SEED
#                        in the background: BUILD's test_gpu forced to the d256 gather, 40 cases
#                        (seed SEED), then d256_gather_more from SEED+1; logs
#                        $T/NAME_{g256,gpages,gtail,rc,mc}.log (session 27's calls 3 and 4)
#   ab_if_passed "LOGS" "BUILDS" ARGS
#                        ncu_ab "BUILDS" ARGS only if every log of LOGS ends its count with 0 failed
#   variant_page_checks PREFIX BUILD SEED DIMS TAILD TO [HD]
#                        BUILD's test_gpu forced to sm90 at each head_dim of DIMS on the run pages
#                        43..200 (60 cases, seed SEED+d) and the default list (40, SEED+100+d), its
#                        last-wave pieces at TAILD on pages 44 / 100 / 101 (40, SEED+200), racecheck
#                        and memcheck there (3 cases, SEED+201 / +202; head_dim HD if given, else
#                        all), each under timeout TO, all at once, then test_summary; logs
#                        $T/PREFIX_{runsD,sm90_D,tail,rc,mc}.log (session 29's calls 5 and 7)
#   tma_variant_checks PREFIX BUILD SEED TO
#                        BUILD's test_gpu forced to sm90 at each head_dim (40 cases, SEED+1..3),
#                        automatic (SEED+10), racecheck and memcheck forced sm90 on PAIR and run
#                        pages 8 / 16 / 48 / 100 / 101 (3 cases, SEED+11 / +12; timeout TO), all at
#                        once, then test_summary; logs $T/BUILD_sm90_D.log, $T/PREFIX_{auto,rc,mc}.log
#                        (session 30's call 1a, the prepared s31a)
#   integrated_checks SEED
#                        in the background: build_checks SEED "64 128 256", the d256 gather with
#                        64-bit offsets (20 cases, SEED+100) and racecheck of the d128 gather at
#                        pages 1 / 3 (2 cases, SEED+101); logs $T/{gwide256,rc128}.log besides
#                        build_checks' (the tests before an integrated run, sessions 33..34)
#   integrated_bench LIMIT "LOGS" "BUILDS" ARGS
#                        the integrated benchmark (dev_s14f.sh PHASE=bench, COMPARE_S=330: RESULTS
#                        2.x), then, if fewer than LIMIT seconds have passed since dev_begin,
#                        ab_if_passed "LOGS" "BUILDS" ARGS (with AB_PREFIX) (sessions 31..33)
#   d64_rc_rounds "BUILDS" ROUNDS TO PREFIX [SANITIZER OPTIONS] (RC_TOOL=synccheck / memcheck: that tool)
#                        ROUNDS rounds of each build's two d64 TMA racecheck runs (forced sm90, 3
#                        cases; the same on the run pages 44 / 100 / 101), TO seconds each, one after
#                        the other, a line each (elapsed, count, summary, last case named) (session
#                        35's stall); with RC_STOP set, no new build's runs start RC_STOP seconds
#                        after dev_begin or later
#   rc_stalls PREFIX "BUILDS"
#                        per build, how many of d64_rc_rounds' runs named PREFIX stalled (rc 124)
#   rc_line NAME RC SECONDS TAG
#                        that line for $T/NAME.log (TAG: the prefix of the lines naming each case)
#   d64_rc_run NAME BUILD TO PAGES [SANITIZER OPTIONS]
#                        one of those runs (PAGES "" or a PA_TEST_PAGES list), logged to $T/NAME.log,
#                        its line in the summary (d64_rc_rounds and session 37's scripts)
#   d64_plain_runs FIRST LAST TO STOP
#                        the same two runs without a sanitizer for seeds FIRST..LAST (TO seconds each)
#                        until STOP seconds after dev_begin; failures kept as $T/plain_bad_*.log
#   dev_end NAME         $T's logs packed to $O/NAME.tgz
#   bench_if_passed LOG...
#                        when every $T/LOG.log reads " 0 failed": dev_s14f.sh PHASE=bench (SKIP_POWER=1,
#                        COMPARE_S, default 530), the integrated benchmark (sessions 40..44's calls)
#   sanitize_phase TO    the whole tests/sanitize.sh over build/ (120 s a run, TO in all), its
#                        verdict and run lines to $O/summary.txt (sessions 41..42's calls)
#   copy_checks "DSEED TSEED ASEED MSEED" PAGES CASES TAILD TO [BUILD [MC_PAGES]]
#                        in the background, then test_summary: BUILD's (default build) test_gpu with
#                        the copy forced (PA_TEST_SM90_COPY=1, M80) at each head_dim on PAGES (CASES
#                        cases, seed DSEED + d), with the last-wave split at head_dim TAILD (pages
#                        1,3,5, 30 cases, TSEED), automatic (60, ASEED) and memcheck of the forced
#                        copy (MC_PAGES, default 1,3,17; 3 cases, MSEED), each under timeout TO; logs
#                        $T/[BUILD_]copy_{D,tail,mc}.log, $T/[BUILD_]auto.log (the prefix for builds
#                        other than build) (session 43's calls)
#   copy_kernel_ncu TO   the copy kernel alone under ncu (d128 page 1, causal, forced by the estimate):
#                        duration, DRAM bytes and throughput to $T/ncu_copy.txt and the summary
#   copy_modes_ncu       bench/pa_ncu.py at pages 1 / 3 / 4, causal both, every head_dim, for the
#                        gather (--kv-copy-limit 0), the library's choice and the forced copy; files
#                        $T/n_{gather,auto,copy}.txt, their rows to the summary (session 43's calls)
#   mode_ab VAR BUILD "LABEL=VALUE ..." ARGS
#                        bench/pa_ncu.py ARGS over BUILD with VAR=VALUE in the environment for each
#                        label (one binary, modes picked at run time), alternated twice, then
#                        ab_table.py's table against the first label and each label's overhead lines;
#                        files $T/h_LABEL_PASS* (session 40's calls)
#   kv_ab PREFIX DIMS KV bench/pa_ncu.py at pages 8 / 16 / 100, causal both, --kv-heads KV, never-copy
#                        (--kv-copy-limit 0) against the default, 2 passes, then ab_table.py's table
#                        and the default's first-pass rows; files $T/PREFIX_{off,auto}_PASS* (session 44)
dev_begin() {
    O=${OUT:-/tmp/out}; T=$1; mkdir -p "$O" "$T"
    t0=$(date +%s)
    [ -e "$2" ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
    export PYTHONPATH=$PWD/python:$PWD/bench
}
el() { echo "$(( $(date +%s) - t0 ))s"; }
forced_sm90() {
    local v d seed=$3
    for v in $1; do
        for d in 64 128 256; do
            seed=$((seed + 1))
            PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=$2 PA_TEST_SEED=$seed timeout 150 "$v/test_gpu" > "$T/${v}_sm90_$d.log" 2>&1 &
        done
    done
}
# san TOOL BUILD HEAD_DIM PAGES CASES SEED LOG TIMEOUT [ENV=VALUE ...]
#                      one compute-sanitizer TOOL run of BUILD/test_gpu forced to sm90 at HEAD_DIM on
#                      PAGES (CASES cases, PA_TEST_LONG_RANGE=0), in the background, to $T/LOG.log
#                      (session 69's scripts)
san() {
    local tool=$1 b=$2 d=$3 pages=$4 cases=$5 seed=$6 log=$7 to=$8; shift 8
    env PA_TEST_KERNEL=sm90 "$@" PA_TEST_HEAD_DIM="$d" PA_TEST_PAGES="$pages" PA_TEST_CASES="$cases" PA_TEST_LONG_RANGE=0 \
        PA_TEST_SEED="$seed" timeout "$to" compute-sanitizer --tool "$tool" "$b/test_gpu" > "$T/$log.log" 2>&1 &
}
test_summary() {
    local f
    for f in "$T"/*.log; do
        echo "$(basename "$f" .log): $(grep -E 'SUMMARY' "$f" | tail -1 | sed 's/=========//g') $(tail -1 "$f")"
        grep -m3 -E "FAIL|Timeout|!!" "$f"
        grep -E "worst (f16|bf16) output error" "$f" | cut -c1-200   # (session 53: test_gpu's error report)
    done | tee -a "$O/summary.txt"
    echo "tests $(el)" | tee -a "$O/summary.txt"
}
ncu_ab() {
    local builds=$1 pass v h=${AB_PREFIX:-h}; shift
    for pass in 1 2; do
        for v in $builds; do
            timeout 100 python3 bench/pa_ncu.py --pa "$v/pa-bench" "$@" --out "$T/${h}_${v}_$pass" > "$T/${h}_${v}_$pass.txt" 2>&1
        done
        echo "ncu pass $pass $(el)" | tee -a "$O/summary.txt"
    done
    python3 bench/wip_sm90/ab_table.py "$T" "$h" $builds | tee -a "$O/summary.txt"
}
gather_ab() {
    local v d
    for v in $1; do
        for d in ${2//,/ }; do
            PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=$4 PA_TEST_SEED=$(($5 + d)) timeout 150 "$v/test_gpu" > "$T/${v}_g$d.log" 2>&1 &
        done
    done
    wait
    test_summary
    ncu_ab "build $1" --dims "$2" --pages "$3" --causal both
}
gather_variant_tests() {
    local v G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$2"
    for v in $1; do
        env $G PA_TEST_CASES=30 PA_TEST_SEED=$3 timeout $4 build_$v/test_gpu > $T/${v}_g.log 2>&1 &
        env $G PA_TEST_PAGES=1,2,3,4,5,7,17 PA_TEST_CASES=30 PA_TEST_SEED=$(($3 + 1)) timeout $4 build_$v/test_gpu > $T/${v}_gpages.log 2>&1 &
    done
}
build_checks() {
    local s=$1 d G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
    PA_TEST_SEED=$s timeout 150 build/test_gpu > "$T/auto.log" 2>&1 &
    forced_sm90 "build" 40 $((s + 10))
    for d in $2; do
        env $G PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((s + 20 + d)) timeout 150 build/test_gpu > "$T/gather_$d.log" 2>&1 &
    done
    d256_gather_more build $((s + 30)) "" _256 150 200
}
integrated_checks() {
    local s=$1
    build_checks $s "64 128 256"
    env PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_SM90_WIDE=1 PA_TEST_CASES=20 \
        PA_TEST_SEED=$((s + 100)) timeout 150 build/test_gpu > $T/gwide256.log 2>&1 &
    env PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=1,3 PA_TEST_CASES=2 \
        PA_TEST_SEED=$((s + 101)) timeout 150 compute-sanitizer --tool racecheck build/test_gpu > $T/rc128.log 2>&1 &
}
d256_gather_more() {
    local v=$1 s=$2 a=$3 z=$4 G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256"
    env $G PA_TEST_PAGES=1,2,3,4,5,7,17,100 PA_TEST_CASES=40 PA_TEST_SEED=$s timeout $5 "$v/test_gpu" > "$T/${a}gpages$z.log" 2>&1 &
    env $G PA_TEST_SM90_TAIL=3 PA_TEST_CASES=30 PA_TEST_SEED=$((s + 1)) timeout $5 "$v/test_gpu" > "$T/${a}gtail$z.log" 2>&1 &
    env $G PA_TEST_PAGES=1,3 PA_TEST_CASES=3 PA_TEST_SEED=$((s + 2)) timeout $6 compute-sanitizer --tool racecheck "$v/test_gpu" > "$T/${a}rc$z.log" 2>&1 &
    env $G PA_TEST_PAGES=1,5 PA_TEST_CASES=4 PA_TEST_SEED=$((s + 3)) timeout $6 compute-sanitizer --tool memcheck "$v/test_gpu" > "$T/${a}mc$z.log" 2>&1 &
}
d256_checks() {
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=$3 timeout 90 "$2/test_gpu" > "$T/$1_g256.log" 2>&1 &
    d256_gather_more "$2" $(($3 + 1)) "$1_" "" 90 150
}
ab_if_passed() {
    local f logs=$1 builds=$2; shift 2
    for f in $logs; do
        grep -q " 0 failed" "$T/$f.log" || { echo "$f failed or hung: no A/B" | tee -a "$O/summary.txt"; return; }
    done
    ncu_ab "$builds" "$@"
}
tma_variant_checks() {
    local pre=$1 v=$2 s=$3 to=$4 P="PA_TEST_KERNEL=sm90 PA_TEST_PAGES=8,16,48,100,101 PA_TEST_CASES=3"
    forced_sm90 "$v" 40 "$s"
    PA_TEST_SEED=$((s + 10)) timeout "$to" "$v/test_gpu" > "$T/${pre}_auto.log" 2>&1 &
    env $P PA_TEST_SEED=$((s + 11)) timeout "$to" compute-sanitizer --tool racecheck "$v/test_gpu" > "$T/${pre}_rc.log" 2>&1 &
    env $P PA_TEST_SEED=$((s + 12)) timeout "$to" compute-sanitizer --tool memcheck "$v/test_gpu" > "$T/${pre}_mc.log" 2>&1 &
    wait
    test_summary
}
variant_page_checks() {
    local pre=$1 v=$2 s=$3 dims=$4 td=$5 to=$6 hd=${7:+PA_TEST_HEAD_DIM=$7} d
    for d in ${dims//,/ }; do
        env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=43,44,51,77,100,101,127,132,200 PA_TEST_CASES=60 \
            PA_TEST_SEED=$((s + d)) timeout "$to" "$v/test_gpu" > "$T/${pre}_runs$d.log" 2>&1 &
        env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((s + 100 + d)) timeout "$to" "$v/test_gpu" \
            > "$T/${pre}_sm90_$d.log" 2>&1 &
    done
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$td PA_TEST_PAGES=44,100,101 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=40 \
        PA_TEST_SEED=$((s + 200)) timeout "$to" "$v/test_gpu" > "$T/${pre}_tail.log" 2>&1 &
    env PA_TEST_KERNEL=sm90 $hd PA_TEST_PAGES=44,100,101 PA_TEST_CASES=3 PA_TEST_SEED=$((s + 201)) timeout "$to" \
        compute-sanitizer --tool racecheck "$v/test_gpu" > "$T/${pre}_rc.log" 2>&1 &
    env PA_TEST_KERNEL=sm90 $hd PA_TEST_PAGES=44,100,101 PA_TEST_CASES=3 PA_TEST_SEED=$((s + 202)) timeout "$to" \
        compute-sanitizer --tool memcheck "$v/test_gpu" > "$T/${pre}_mc.log" 2>&1 &
    wait
    test_summary
}
integrated_bench() {
    local limit=$1 logs=$2 builds=$3; shift 3
    PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -12
    echo "bench done $(el)" | tee -a "$O/summary.txt"
    [ $(( $(date +%s) - t0 )) -lt "$limit" ] && ab_if_passed "$logs" "$builds" "$@"
}
dev_end() { ( cd "$T" && tar czf "$O/$1.tgz" *.txt *.log 2>/dev/null ); echo "total $(el)"; }
d64_rc_rounds() {
    local builds=$1 rounds=$2 to=$3 pre=$4 rep b pg n s
    shift 4
    for rep in $(seq "$rounds"); do
        for b in $builds; do
            [ -z "$RC_STOP" ] || [ $(( $(date +%s) - t0 )) -lt "$RC_STOP" ] || return 0
            for pg in "" "44,100,101"; do
                d64_rc_run "${pre}_${b}_${rep}${pg:+_runs}" "$b" "$to" "$pg" "$@"
            done
        done
    done
}
d64_rc_run() {
    local n=$1 b=$2 to=$3 pg=$4 s rc
    shift 4
    s=$(date +%s)
    env PA_TEST_VERBOSE=1 PA_TEST_CASES=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 ${pg:+PA_TEST_PAGES=$pg} \
        timeout "$to" compute-sanitizer --tool "${RC_TOOL:-racecheck}" "$@" --error-exitcode 99 "$b/test_gpu" > "$T/$n.log" 2>&1
    rc=$?
    rc_line "$n" $rc $(( $(date +%s) - s )) test_gpu
}
rc_stalls() {
    local b
    for b in $2; do
        echo "$b: $(grep -c "^${1}_${b}_[0-9].*rc=124" "$O/summary.txt") stalls of $(grep -c "^${1}_${b}_[0-9]" "$O/summary.txt") racecheck runs" | tee -a "$O/summary.txt"
    done
}
rc_line() {
    echo "$1: rc=$2 ${3}s | $(grep -E 'passed, ' "$T/$1.log" | tail -1) | $(grep -E 'SUMMARY' "$T/$1.log" | tail -1 | sed 's/=========//') | last: $(grep "^\[$4" "$T/$1.log" | tail -1 | cut -c1-60)" | tee -a "$O/summary.txt"
}
d64_plain_runs() {
    local first=$1 last=$2 to=$3 stop=$4 ok=0 bad=0 r pg rc
    for r in $(seq "$first" "$last"); do
        for pg in "" "44,100,101"; do
            env PA_TEST_CASES=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 ${pg:+PA_TEST_PAGES=$pg} PA_TEST_SEED=$r \
                timeout "$to" build/test_gpu > "$T/plain.log" 2>&1
            rc=$?
            if [ $rc = 0 ] && grep -q ", 0 failed" "$T/plain.log"; then ok=$((ok + 1)); else
                bad=$((bad + 1)); cp "$T/plain.log" "$T/plain_bad_${r}${pg:+_runs}.log"
                echo "plain seed $r ${pg:+runs }rc=$rc $(tail -1 "$T/plain.log")" | tee -a "$O/summary.txt"; fi
        done
        [ $(( $(date +%s) - t0 )) -lt "$stop" ] || break
    done
    echo "plain: $ok passed, $bad failed or stalled, seeds $first..$r ($(el))" | tee -a "$O/summary.txt"
}
mode_ab() {
    local var=$1 b=$2 specs=$3 pass sp labels=""; shift 3
    for sp in $specs; do labels="$labels ${sp%%=*}"; done
    for pass in 1 2; do
        for sp in $specs; do
            env "$var=${sp#*=}" timeout 100 python3 bench/pa_ncu.py --pa "$b/pa-bench" "$@" --out "$T/h_${sp%%=*}_$pass" \
                > "$T/h_${sp%%=*}_$pass.txt" 2>&1
        done
        echo "ncu pass $pass $(el)" | tee -a "$O/summary.txt"
    done
    python3 bench/wip_sm90/ab_table.py "$T" h $labels | tee -a "$O/summary.txt"
    for sp in $labels; do echo "$sp overheads:"; grep -h "^ *[0-9]" "$T/h_${sp}_1.txt" "$T/h_${sp}_2.txt"; done | tee -a "$O/summary.txt"
}
bench_if_passed() {
    local f
    for f in "$@"; do
        grep -q " 0 failed" "$T/$f.log" || { echo "$f failed or hung: no benchmark" | tee -a "$O/summary.txt"; return; }
    done
    # (COMPARE_S 330 until session 44; compare.py has taken ~255 s since session 43)
    SKIP_POWER=1 PHASE=bench COMPARE_S=${COMPARE_S:-530} bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -12
    echo "bench done $(el)" | tee -a "$O/summary.txt"
}
sanitize_phase() {
    PA_SANITIZE_TIMEOUT=120 timeout "$1" sh tests/sanitize.sh build > "$O/sanitize.log" 2>&1
    echo "sanitize.sh: rc=$? $(tail -1 "$O/sanitize.log") ($(el))" | tee -a "$O/summary.txt"
    grep -E "^== |SUMMARY|^!!" "$O/sanitize.log" >> "$O/summary.txt"
}
copy_checks() {
    local seeds=($1) d b=${6:-build} x=""
    [ "$b" = build ] || x="${b}_"
    for d in 64 128 256; do
        PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=$2 PA_TEST_CASES=$3 \
            PA_TEST_SEED=$((seeds[0] + d)) timeout "$5" "$b/test_gpu" > "$T/${x}copy_$d.log" 2>&1 &
    done
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=$4 PA_TEST_PAGES=1,3,5 PA_TEST_CASES=30 \
        PA_TEST_SEED=${seeds[1]} timeout "$5" "$b/test_gpu" > "$T/${x}copy_tail.log" 2>&1 &
    PA_TEST_CASES=60 PA_TEST_SEED=${seeds[2]} timeout "$5" "$b/test_gpu" > "$T/${x}auto.log" 2>&1 &
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_PAGES=${7:-1,3,17} PA_TEST_CASES=3 PA_TEST_SEED=${seeds[3]} \
        timeout "$5" compute-sanitizer --tool memcheck --error-exitcode 99 "$b/test_gpu" > "$T/${x}copy_mc.log" 2>&1 &
    wait
    test_summary
}
copy_modes_ncu() {
    local m x
    for m in gather auto copy; do
        case $m in gather) x="--kv-copy-limit 0";; auto) x="";; copy) x="--force-copy";; esac
        timeout 110 python3 bench/pa_ncu.py --pa build/pa-bench --dims 128,64,256 --pages 1,3,4 --causal both \
            --pa-extra="$x" --out "$T/n_$m" > "$T/n_$m.txt" 2>&1
        echo "ncu $m $(el)" | tee -a "$O/summary.txt"
    done
    for m in gather auto copy; do echo "== ncu $m"; grep -E "^ +(64|128|256) " "$T/n_$m.txt"; done | tee -a "$O/summary.txt"
}
copy_kernel_ncu() {
    timeout "$1" ncu --csv -k regex:kv_copy_kernel --metrics gpu__time_duration.sum,dram__bytes_read.sum,dram__bytes_write.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed \
        build/pa-bench --prefill-only --dims 128 --pages 1 --causal 1 --table frag --warmup 0 --iters 1 --no-check > "$T/ncu_copy.txt" 2>&1
    grep kv_copy "$T/ncu_copy.txt" | awk -F'","' '{print $(NF-2), $(NF-1), $NF}' | head -8 | tee -a "$O/summary.txt"
    echo "ncu copy $(el)" | tee -a "$O/summary.txt"
}
kv_ab() {   # PREFIX DIMS KVHEADS: never-copy (--kv-copy-limit 0) against the default at ncu, GQA
    local pass m x
    for pass in 1 2; do
        for m in off auto; do
            x="--kv-heads $3"; [ $m = off ] && x="$x --kv-copy-limit 0"
            timeout 100 python3 bench/pa_ncu.py --pa build/pa-bench --dims "$2" --pages 8,16,100 --causal both \
                --pa-extra="$x" --out "$T/$1_${m}_$pass" > "$T/$1_${m}_$pass.txt" 2>&1
        done
    done
    echo "== $1: d $2, $3 kv heads ($(el))" | tee -a "$O/summary.txt"
    python3 bench/wip_sm90/ab_table.py "$T" "$1" off auto | tee -a "$O/summary.txt"
    grep -hE "^ +[0-9]+ +[01] " "$T/$1_auto_1.txt" | tee -a "$O/summary.txt"
}
# trace_run BUILD NAME TIMEOUT SPECS...: trace.py's per-CTA timelines of SPECS with BUILD's
# SM90_TRACE library (unpacked from .carry/trace.tar.xz) into $O/NAME.txt, their key lines into
# summary.txt
trace_run() {
    local v=$1 n=$2 to=$3
    shift 3
    PA_TRACE_NO_COPY=1 PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout "$to" python3 bench/wip_sm90/trace.py "$@" \
        2>&1 | grep -v "NumPy\|_conversion" > "$O/$n.txt"
    echo "trace $v $(el)" | tee -a "$O/summary.txt"
    grep -E "^==|per CTA fit|fixed per CTA|steady tile|K tile 0 TMA|wg0 S\(0\) done|K/V full|tile period|CTA end|SM busy" "$O/$n.txt" >> "$O/summary.txt"
}
# trace_rows: trace_run of the library's trace build at session 50's rows over 3% into
# $O/trace_1.txt (dev_s50b, dev_s55a)
trace_rows() {
    tar xJf .carry/trace.tar.xz || return 1
    trace_run build_T trace_1 100 64:8192:8192:1 64:8192:8192:1:8 64:8192:8192:1:16 64:8192:8192:0 64:8192:8192:0:8 \
        128:8192:8192:1 128:8192:8192:1:100 128:8192:8192:1:96 256:8192:8192:1 256:8192:8192:1:100
}
# rc_beside DEADLINE: tests/sanitize.sh's 13th racecheck run (the copy beside, forced) when more
# than 90 s are left before DEADLINE seconds after dev_begin (dev_s50b, dev_s55a)
rc_beside() {
    local left=$(( $1 - $(date +%s) + t0 )) s
    [ "$left" -gt 90 ] || return 0
    s=$(date +%s)
    env PA_TEST_VERBOSE=1 PA_TEST_CASES=3 PA_TEST_LONG_RANGE=0 PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=3 PA_TEST_PAGES=1,8,100 \
        timeout $((left - 15)) compute-sanitizer --tool racecheck --error-exitcode 99 build/test_gpu > "$T/rc_beside.log" 2>&1
    rc_line rc_beside $? $(( $(date +%s) - s )) test_gpu
}
# ab_s50_pass PASS: one ncu pass of session 50's A/B (build against v_r2w at d128 / d256 pages 44 /
# 100, against v_p1w at d64 pages 8 / 16, causal both, boxes only) (dev_s50b, dev_s54a)
ab_s50_pass() {
    local v
    for v in build v_r2w; do
        timeout 100 python3 bench/pa_ncu.py --pa "$v/pa-bench" --dims 128,256 --pages 44,100 --causal both \
            --pa-extra="--kv-copy-limit 0" --out "$T/r_${v}_$1" > "$T/r_${v}_$1.txt" 2>&1
    done
    for v in build v_p1w; do
        timeout 100 python3 bench/pa_ncu.py --pa "$v/pa-bench" --dims 64 --pages 8,16 --causal both \
            --pa-extra="--kv-copy-limit 0" --out "$T/p_${v}_$1" > "$T/p_${v}_$1.txt" 2>&1
    done
}
# ncu_passes "BUILDS" BUDGET MAXP ARGS: bench/pa_ncu.py ARGS (--kv-copy-limit 0) for each build,
# alternated, pass after pass while another pass fits before BUDGET seconds after dev_begin (at
# most MAXP); each pass's rows to the summary as it ends; then ab_table.py's table (min of the
# passes) against the first build; files $T/${AB_PREFIX:-c}_BUILD_PASS* (sessions 55..57's calls)
ncu_passes() {   # (ncu_sets with one set, at most MAXP passes)
    local builds=$1 budget=$2 maxp=$3; shift 3
    NCU_MAXP=$maxp ncu_sets "$builds" "$budget" "${AB_PREFIX:-c} $* --pa-extra=\"--kv-copy-limit 0\""
}
# ncu_sets "BUILDS" BUDGET "TAG ARGS" ...
#                      ncu passes (up to NCU_MAXP, default 8, while one fits before BUDGET seconds
#                      after dev_begin): per
#                      pass, each build runs bench/pa_ncu.py once per set with that set's ARGS (their
#                      own --pa-extra), files $T/TAG_BUILD_PASS; each build's rows a line a
#                      pass, then ab_table.py's table per TAG (session 59's calls)
ncu_sets() {
    local builds=$1 budget=$2 pass s v set tag per=0 np=0 line; shift 2
    for pass in $(seq 1 "${NCU_MAXP:-8}"); do
        s=$(date +%s)
        [ "$pass" -gt 1 ] && [ $(( budget - s + t0 )) -lt "$per" ] && break
        for v in $builds; do
            line=""
            for set in "$@"; do
                tag=${set%% *}
                eval "timeout 120 python3 bench/pa_ncu.py --pa \"$v/pa-bench\" ${set#* } --out \"$T/${tag}_${v}_$pass\"" \
                    > "$T/${tag}_${v}_$pass.txt" 2>&1
                line="$line$(grep -h '^ *[0-9]' "$T/${tag}_${v}_$pass.txt" | awk '{printf "%s/%s/%s %s|%s %s  ", $1,$2,$3,$4,$5,$6}')"
            done
            echo "$v $pass: $line" | tee -a "$O/summary.txt"
        done
        per=$(( $(date +%s) - s + 3 )); np=$pass
        echo "ncu pass $pass $(el) (${per}s)" | tee -a "$O/summary.txt"
    done
    for set in "$@"; do
        python3 bench/wip_sm90/ab_table.py "$T" "${set%% *}" $builds --passes $np | tee -a "$O/summary.txt"
    done
}
# pa_row NAME: pa-bench's paired prefill rows from stdin, prefixed "NAME r$r" (the round), shown
# and appended to $O/summary.txt (session 65's A/B scripts)
# split_tests LIMIT CASES SEED TO [MC_CASES]
#                      in the background, M117's tests (sessions 86..87): test_gpu with the groups on,
#                      the copy forced and a kv_copy_limit of LIMIT bytes, forced sm90 at d64 / d128 /
#                      d256 (CASES cases, seeds SEED + d; $T/split_D.log), beside on 8 blocks at d128
#                      (SEED + 1; split_beside.log) and memcheck at d128 (MC_CASES, default 3, SEED + 3;
#                      split_mc.log), each under timeout TO
split_tests() {
    local S="PA_TEST_SM90_SPLIT=1 PA_TEST_SM90_COPY=1 PA_TEST_KV_COPY_LIMIT=$1 PA_TEST_KERNEL=sm90 PA_TEST_CASES=$2" d
    for d in 64 128 256; do
        env $S PA_TEST_HEAD_DIM=$d PA_TEST_SEED=$(($3 + d)) timeout "$4" build/test_gpu > "$T/split_$d.log" 2>&1 &
    done
    env $S PA_TEST_HEAD_DIM=128 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_SEED=$(($3 + 1)) timeout "$4" build/test_gpu > "$T/split_beside.log" 2>&1 &
    env $S PA_TEST_HEAD_DIM=128 PA_TEST_CASES=${5:-3} PA_TEST_LONG_RANGE=0 PA_TEST_SEED=$(($3 + 3)) timeout "$4" \
        compute-sanitizer --tool memcheck build/test_gpu > "$T/split_mc.log" 2>&1 &
}
# split_memcheck DIR TO
#                      memcheck through M117's groups (session 87: split_tests' memcheck at 1 MB split
#                      nothing): forced sm90 d128 / d256, the copy and the split forced, copy limits of
#                      300 kB and 100 kB, 6 short cases each, in parallel under timeout TO; logs
#                      DIR/mc_split_D_LIMIT.log, then one line each (errors, passed, "ran as groups",
#                      which must be nonzero) appended to DIR/mc_split.txt and shown
split_memcheck() {
    local i=0 lim d f
    for lim in 300000 100000; do
        for d in 128 256; do
            i=$((i + 1))
            PA_TEST_SM90_SPLIT=1 PA_TEST_SM90_COPY=1 PA_TEST_KV_COPY_LIMIT=$lim PA_TEST_KERNEL=sm90 PA_TEST_CASES=6 \
                PA_TEST_HEAD_DIM=$d PA_TEST_LONG_RANGE=0 PA_TEST_SEED=$((87100 + i)) timeout "$2" \
                compute-sanitizer --tool memcheck build/test_gpu > "$1/mc_split_${d}_$lim.log" 2>&1 &
        done
    done
    wait
    for f in "$1"/mc_split_*.log; do
        echo "$(basename "$f" .log): $(grep -h "ERROR SUMMARY" "$f" | tail -1) | $(grep -h "passed" "$f" | tail -1) | $(grep -h "ran as groups" "$f" | head -1)"
    done | tee -a "$1/mc_split.txt"
}
pa_row() { grep -E "^ *prefill .* frag " | sed "s/^/$1 r$r /" | tee -a "$O/summary.txt"; }
# paired_table "NAME ..." [LIMIT]
#                      the pa_row lines of $O/summary.txt whose label is one of NAMEs, one line
#                      per (head_dim, causal, page): each label's mean paired overhead and its rounds
#                      (sessions 73..74's calls); with LIMIT, then each label's cells whose mean is
#                      over LIMIT, and the first label's mean minus the second's over their common
#                      cells (session 84)
paired_table() {
    python3 - "$O/summary.txt" "${2:-}" $1 <<'PY' | tee -a "$O/summary.txt"
import re, sys, statistics as st
rows = {}; limit = sys.argv[2]; names = sys.argv[3:]
for line in open(sys.argv[1]):
    m = re.match(r"(\w+) r\d+ +prefill +(\d+) +\d+ +\d+ +\d+ +\d+ +\d+ +(\d) +frag +(\d+) +(\S+) +\S+ +\S+ +([+-]?\d+\.\d)%", line)
    if m and m.group(1) in names:
        rows.setdefault((int(m.group(2)), int(m.group(3)), int(m.group(4))), {}).setdefault(m.group(1), []).append(float(m.group(6)))
print("d c page | " + " | ".join(names) + "  (paired overhead %, mean (rounds))")
for k in sorted(rows):
    f = lambda x: "%+5.1f (%s)" % (st.mean(x), " ".join("%+.1f" % a for a in x)) if x else "-"
    print("%3d %d %4d | %s" % (k + (" | ".join(f(rows[k].get(n, [])) for n in names),)))
if limit:
    for n in names:
        over = [(k, st.mean(v[n])) for k, v in sorted(rows.items()) if v.get(n) and st.mean(v[n]) > float(limit)]
        print("%s: %d cells over %s%%: %s" % (n, len(over), limit, "  ".join("d%d c%d %d %+.1f" % (k + (m,)) for k, m in over)))
    both = [k for k, v in rows.items() if len(names) > 1 and v.get(names[0]) and v.get(names[1])]
    if both:
        d = [st.mean(rows[k][names[0]]) - st.mean(rows[k][names[1]]) for k in both]
        print("%s - %s over %d cells: mean %+.2f, median %+.2f, worst %+.2f" % (names[0], names[1], len(d), st.mean(d), st.median(d), max(d)))
PY
}
# ncu_vc "BUILD:CLUSTER ..." PASSES ARGS
#                      PASSES passes of bench/pa_ncu.py ARGS per BUILD, its pa-bench given --kv-copy-limit 0
#                      --cluster CLUSTER (M96's knob: builds from bench/wip_sm90/m96_cluster_pair.patch),
#                      a line of rows each, files $T/n_BUILD_cCLUSTER_PASS (session 67's calls)
ncu_vc() {
    local specs=$1 passes=$2 pass vc v c; shift 2
    for pass in $(seq 1 "$passes"); do
        for vc in $specs; do
            v=${vc%:*}; c=${vc#*:}
            timeout 100 python3 bench/pa_ncu.py --pa "$v/pa-bench" "$@" --pa-extra="--kv-copy-limit 0 --cluster $c" \
                --out "$T/n_${v}_c${c}_$pass" > "$T/n_${v}_c${c}_$pass.txt" 2>&1
            echo "$v cluster $c pass $pass: $(grep -h '^ *[0-9]' "$T/n_${v}_c${c}_$pass.txt" | awk '{printf "%s/%s/%s %s|%s %s  ", $1,$2,$3,$4,$5,$6}')" | tee -a "$O/summary.txt"
        done
    done
}
# probe_ab VAR PREFIX BUILD PASSES ARGS
#                      a same-binary A/B (session 68's probes): PASSES passes, each running
#                      bench/pa_ncu.py ARGS (never copying) for BUILD with VAR=0 (label PREFIX0),
#                      with VAR=1 (PREFIX1) and for the library (build, label lib); a line of rows
#                      each, files $T/h_LABEL_PASS, then ab_table.py's table
probe_ab() {
    local var=$1 pre=$2 probe=$3 passes=$4 pass m b; shift 4
    for pass in $(seq 1 "$passes"); do
        for m in ${pre}0 ${pre}1 lib; do
            b=$probe; [ $m = lib ] && b=build
            env "$var=${m#$pre}" timeout 100 python3 bench/pa_ncu.py --pa "$b/pa-bench" "$@" --pa-extra="--kv-copy-limit 0" \
                --out "$T/h_${m}_$pass" > "$T/h_${m}_$pass.txt" 2>&1
            echo "$m $pass: $(grep -h '^ *[0-9]' "$T/h_${m}_$pass.txt" | awk '{printf "%s/%s/%s %s|%s %s  ", $1,$2,$3,$4,$5,$6}')" | tee -a "$O/summary.txt"
        done
    done
    python3 bench/wip_sm90/ab_table.py "$T" h ${pre}0 ${pre}1 lib --passes "$passes" | tee -a "$O/summary.txt"
}
