#!/usr/bin/env python3
"""Sustained contiguous prefill: time, energy and clocks of pagedattn and torch SDPA (cuDNN), each
run alone for a few seconds of back-to-back calls, with the GPU's power, SM clock, temperature and
clock-event reasons read through NVML (libnvidia-ml, by ctypes) every 10 ms. interleaved.py showed
that our kernel slows by about 14% under sustained work while cuDNN moves less (RESULTS 2.19);
this says whether the clock drops, why (power cap or temperature), and the energy each call takes.

    PAGEDATTN_LIBRARY=build/libpagedattn.so PYTHONPATH=python python3 bench/power.py \\
        [--seconds 2.5] [--idle 1.0] [--dims 128,64,256] [--sides ours,cudnn,ours,cudnn] [--out DIR]

One line per phase: calls, ms per call (first batch of 10 / median of the last third), joules per
call (NVML's energy counter over the phase / calls), mean watts, SM MHz (first 0.2 s / last 1 s),
temperature and the OR of the clock-event reasons (0x4 software power cap, 0x8 hardware slowdown,
0x20 software thermal, 0x40 hardware thermal, 0x80 power brake). Writes power_<tag>.json.
"""
import argparse, ctypes, json, os, sys, threading, time

from compare import flops   # bench/compare.py (standard library only at import)

REASONS = {0x1: "idle", 0x4: "sw-power-cap", 0x8: "hw-slowdown", 0x20: "sw-thermal", 0x40: "hw-thermal",
           0x80: "power-brake", 0x100: "display", 0x2: "app-clocks"}


class Nvml:
    def __init__(self):
        self.lib = ctypes.CDLL("libnvidia-ml.so.1")
        if self.lib.nvmlInit_v2() != 0:
            raise RuntimeError("nvmlInit failed")
        n = ctypes.c_uint()
        self.lib.nvmlDeviceGetCount_v2(ctypes.byref(n))
        self.h = ctypes.c_void_p()
        idx = int(os.environ.get("CUDA_VISIBLE_DEVICES", "0").split(",")[0] or 0) if n.value > 1 else 0
        if self.lib.nvmlDeviceGetHandleByIndex_v2(idx, ctypes.byref(self.h)) != 0:
            raise RuntimeError("nvmlDeviceGetHandleByIndex failed")
        fn = getattr(self.lib, "nvmlDeviceGetCurrentClocksEventReasons", None)
        self.reasons_fn = fn if fn is not None else self.lib.nvmlDeviceGetCurrentClocksThrottleReasons

    def _u(self, fn, *args):
        v = ctypes.c_uint()
        return v.value if fn(self.h, *args, ctypes.byref(v)) == 0 else -1

    def sample(self):
        r = ctypes.c_ulonglong()
        reasons = r.value if self.reasons_fn(self.h, ctypes.byref(r)) == 0 else 0
        return (time.time(), self._u(self.lib.nvmlDeviceGetPowerUsage) / 1000.0,
                self._u(self.lib.nvmlDeviceGetClockInfo, 1), self._u(self.lib.nvmlDeviceGetTemperature, 0), reasons)

    def energy_j(self):
        e = ctypes.c_ulonglong()
        return e.value / 1000.0 if self.lib.nvmlDeviceGetTotalEnergyConsumption(self.h, ctypes.byref(e)) == 0 else float("nan")

    def power_limit_w(self):
        return self._u(self.lib.nvmlDeviceGetEnforcedPowerLimit) / 1000.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=2.5)
    ap.add_argument("--idle", type=float, default=1.0)
    ap.add_argument("--dims", default="128,64,256")
    ap.add_argument("--causal", default="0", help="0, 1 or both")
    ap.add_argument("--sides", default="ours,cudnn,ours,cudnn")
    ap.add_argument("--tag", default="default")
    ap.add_argument("--out", default=os.environ.get("OUT", "."))
    a = ap.parse_args()
    import torch
    import torch.nn.functional as F
    from torch.nn.attention import sdpa_kernel, SDPBackend
    import pagedattn

    nv = Nvml()
    samples, stop = [], threading.Event()

    def sampler():
        while not stop.is_set():
            samples.append(nv.sample())
            time.sleep(0.01)
    th = threading.Thread(target=sampler, daemon=True)
    th.start()

    dims = [int(x) for x in a.dims.split(",")]
    causals = {"0": [False], "1": [True], "both": [False, True]}[a.causal]
    heads = {64: 32, 128: 16, 256: 16}
    dev = torch.device("cuda")
    torch.manual_seed(0)
    phases = []
    print("power limit %.0f W, %s" % (nv.power_limit_w(), torch.cuda.get_device_name()), flush=True)
    for d in dims:
        for causal in causals:
            B, H, S = 4, heads[d], 8192
            q, k, v = (torch.randn(B, S, H, d, device=dev, dtype=torch.bfloat16) for _ in range(3))
            qs, ks, vs = (x.transpose(1, 2).contiguous() for x in (q, k, v))
            lens = torch.full((B,), S, device=dev, dtype=torch.int32)
            out = torch.empty_like(q)

            def ours():
                pagedattn.attention(q, k, v, lens, max_seqlen_q=S, max_seq_len=S, causal=causal, out=out)

            def cudnn():
                with sdpa_kernel([SDPBackend.CUDNN_ATTENTION]):
                    return F.scaled_dot_product_attention(qs, ks, vs, is_causal=causal)
            fns = dict(ours=ours, cudnn=cudnn)
            ours(); cudnn(); torch.cuda.synchronize()
            for side in a.sides.split(","):
                fn = fns[side]
                torch.cuda.synchronize()
                time.sleep(a.idle)
                t0, e0 = time.time(), nv.energy_j()
                batches, calls = [], 0
                ev = [torch.cuda.Event(enable_timing=True) for _ in range(2)]
                while time.time() - t0 < a.seconds:
                    ev[0].record()
                    for _ in range(10):
                        fn()
                    ev[1].record()
                    ev[1].synchronize()
                    batches.append((time.time(), ev[0].elapsed_time(ev[1]) / 10))
                    calls += 10
                t1, e1 = time.time(), nv.energy_j()
                ph = [s for s in samples if t0 <= s[0] <= t1]
                first = [s for s in ph if s[0] <= t0 + 0.2]
                last = [s for s in ph if s[0] >= t1 - 1.0]
                mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")
                tail = sorted(b[1] for b in batches[len(batches) * 2 // 3:])
                reasons = 0
                for s in ph:
                    reasons |= s[4]
                row = dict(tag=a.tag, side=side, d=d, causal=int(causal), B=B, H=H, S=S, calls=calls,
                           ms_first=batches[0][1], ms_last=tail[len(tail) // 2],
                           tflops_last=flops(B, H, S, S, d, causal) / tail[len(tail) // 2] / 1e9,
                           j_per_call=(e1 - e0) / calls, watts=(e1 - e0) / (t1 - t0),
                           mhz_first=mean([s[2] for s in first]), mhz_last=mean([s[2] for s in last]),
                           watts_last=mean([s[1] for s in last]), temp_last=mean([s[3] for s in last]),
                           reasons=reasons, reason_names=[n for bit, n in REASONS.items() if reasons & bit])
                phases.append(row)
                print("%-7s %-5s d%-3d %s calls %4d  ms first %.3f last %.3f (%5.1f TFLOPS)  %.3f J/call  "
                      "%5.0f W (last 1 s %5.0f)  SM MHz %4.0f -> %4.0f  %2.0f C  reasons 0x%x %s" % (
                          a.tag, side, d, "c " if causal else "nc", calls, row["ms_first"], row["ms_last"],
                          row["tflops_last"], row["j_per_call"], row["watts"], row["watts_last"], row["mhz_first"],
                          row["mhz_last"], row["temp_last"], reasons, ",".join(row["reason_names"])), flush=True)
            del q, k, v, qs, ks, vs, out
            torch.cuda.empty_cache()
    stop.set()
    th.join()
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "power_%s.json" % a.tag), "w") as f:
        json.dump(dict(gpu=torch.cuda.get_device_name(), power_limit_w=nv.power_limit_w(), phases=phases,
                       samples=samples), f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
