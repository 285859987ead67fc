#!/usr/bin/env python3
"""Writes the seed corpus: byte strings that decode (fuzz_api.c's order) to valid calls."""
import os, sys
DS = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40, 63, 64, 65, 96, 127, 128, 129, 192, 255, 256, 257, 384, 511, 512]

def attn(dt=0, B=1, hk=1, grp=1, D=64, ps=16, msl=70, msq=1, use_cu=0, cu0=0, use_pt=1, causal=0,
         wl=-1, softcap=0, splits=0, lse=1, ws_mode=0, threads=3, kvmode=0, qlens=None, sls=None,
         pts_extra=1, np_sel=0, pmode=0, qmode=0, omode=None, kmode=0, vmode=0, seed=1):
    b = [0, dt, dt, B, hk - 1, grp - 1, 0, DS.index(D), 0, ps - 1]
    if msl <= 70: b += [0, msl]
    else: b += [5, msl & 255, (msl >> 8) & 255, 0]
    if msq <= 9: b += [0, msq]
    else: b += [6, msq]
    b += [use_cu, cu0, 1 if use_pt else 0, 0, causal, wl + 1,
          {0: 0, 1: 5, 30: 6, 5: 16}[softcap], splits, 1 if lse else 0, ws_mode, threads - 2, 0, kvmode,
          0, 0, 0, seed & 255, (seed >> 8) & 255, 0]
    for i in range(B):
        if use_cu:
            if qlens[i] == min(msq, 200): b += [0]
            else: b += [8, qlens[i]]
        sl = sls[i] if sls else msl
        if sl == msl: b += [0]
        else: b += [12, sl & 255, sl >> 8]
    if use_pt:
        b += [pts_extra]
    b += [np_sel]
    if use_pt and B > 0:
        b += [pmode, 0]
    b += [qmode, 0, 0]
    if omode is None: b += [0]
    else: b += [1, omode, 0, 0]
    b += [kmode, 1, 1, 1]
    if kvmode & 1: b += [vmode, 2, 0, 1]
    return bytes(b)

def append(dt=0, hk=2, D=8, ps=4, np_=3, n=4, kmode=0, vsame=1, vmode=0, nmode=0, slots=None, seed=7):
    Ds = [1, 2, 3, 4, 7, 8, 9, 16, 17, 32, 63, 64, 65, 128, 256, 512]
    b = [7, dt, hk - 1, Ds.index(D), ps - 1, np_ - 1, n, 0, seed, 0]
    b += [kmode, 1, 1, 1]
    if vsame: b += [0]
    else: b += [1, vmode, 2, 1, 0]
    b += [nmode, 1, 1]
    b += slots if slots else [0] * n
    return bytes(b)

seeds = {
    "decode_gqa": attn(dt=0, B=3, hk=2, grp=4, D=64, ps=16, msl=70, msq=1, sls=[70, 5, 33]),
    "varlen_prefill_bf16": attn(dt=2, B=3, hk=2, grp=2, D=32, ps=3, msl=40, msq=9, use_cu=1, cu0=0,
                                qlens=[9, 0, 4], sls=[40, 0, 17], causal=1, pmode=5),
    "causal_sq_gt_sk_f16": attn(dt=1, B=2, hk=1, grp=2, D=16, ps=1, msl=5, msq=9, causal=1, sls=[3, 0]),
    "ps17_gqa_hnd_window": attn(dt=0, B=2, hk=1, grp=4, D=33, ps=17, msl=60, msq=5, wl=2, kmode=1,
                                sls=[60, 18], causal=1),
    "splits4": attn(dt=0, B=1, hk=1, grp=2, D=16, ps=16, msl=300, msq=1, splits=4),
    "decode_autosplit": attn(dt=2, B=1, hk=1, grp=1, D=8, ps=40, msl=2100, msq=1, splits=0),
    "contiguous_cache": attn(dt=0, B=2, hk=2, grp=1, D=8, ps=40, msl=40, msq=3, use_pt=0, sls=[40, 7]),
    "softcap_negstrides": attn(dt=0, B=2, hk=1, grp=1, D=24, ps=5, msl=20, msq=4, softcap=30, qmode=4,
                               omode=6, kmode=4, kvmode=1, vmode=6),
    "padded_hnd_out": attn(dt=1, B=2, hk=2, grp=2, D=17, ps=4, msl=13, msq=3, qmode=3, omode=2, kmode=3,
                           causal=1, wl=3),
    "varlen_cu0": attn(dt=0, B=2, hk=1, grp=1, D=8, ps=2, msl=9, msq=5, use_cu=1, cu0=3, qlens=[5, 2]),
    "append_nhd": append(),
    "append_hnd_f16": append(dt=1, hk=3, D=16, ps=3, np_=4, n=5, kmode=1, vsame=0, vmode=3, nmode=1,
                             slots=[0, 20, 24, 0, 2]),
}
out = sys.argv[1] if len(sys.argv) > 1 else "seeds"
os.makedirs(out, exist_ok=True)
for k, v in seeds.items():
    open(os.path.join(out, k), "wb").write(v)
