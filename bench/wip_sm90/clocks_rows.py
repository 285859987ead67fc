#!/usr/bin/env python3
"""Runs a pa-bench command and reads the GPU's SM clock, power and energy (NVML, power.py's Nvml)
every 10 ms; pa-bench flushes each row as it ends, so each output row gets the samples of the last
60% of its span (its timed calls, after its check) and the energy counter's joules over that part.
Session 45 (M82): does the copy beside the attention cost time through the power cap?
    python3 bench/wip_sm90/clocks_rows.py build/pa-bench --prefill-only ... --paired 0 --iters 600"""
import subprocess, sys, threading, time, statistics
from power import Nvml

nv = Nvml()
samples, energy, stop = [], [], threading.Event()


def sampler():
    while not stop.is_set():
        samples.append(nv.sample())
        energy.append((time.time(), nv.energy_j()))
        time.sleep(0.01)


th = threading.Thread(target=sampler, daemon=True)
th.start()
t_prev = time.time()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, text=True)
print("power limit %.0f W" % nv.power_limit_w())
for line in p.stdout:
    t = time.time()
    line = line.rstrip("\n")
    if line.startswith("prefill"):
        a = t_prev + 0.4 * (t - t_prev)
        s = [x for x in samples if a <= x[0] <= t]
        e = [x for x in energy if a <= x[0] <= t]
        if s:
            mhz = statistics.median(x[2] for x in s)
            w = statistics.median(x[1] for x in s)
            rs = 0
            for x in s: rs |= x[4]
            ej = (e[-1][1] - e[0][1]) / (e[-1][0] - e[0][0]) if len(e) > 1 and e[-1][0] > e[0][0] else float("nan")
            line += "   | %4d MHz %5.0f W (%5.0f W by energy) reasons 0x%x n=%d" % (mhz, w, ej, rs, len(s))
    print(line, flush=True)
    t_prev = t
p.wait()
stop.set()
