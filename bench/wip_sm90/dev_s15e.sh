#!/bin/bash
# Session 15, last call (diagnostic, committed kernels of b86dae0): what the pages' scattering
# costs where the bars are missed (d256 causal gather, page 100, d64 page 8): pa_ncu with page
# tables in pool order (--table contig) beside fragmented ones, and L2 / DRAM counters of the d256
# page-1 gather against the contiguous kernel, causal and non-causal (ncu flushes L2 before each).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for tb in contig frag; do
  python3 bench/pa_ncu.py --pa build/pa-bench --dims 256,128,64 --pages 1,8,100 --causal both --table $tb --out $T/t_$tb > $T/t_$tb.txt 2>&1
done
echo "pa_ncu $(el)" | tee -a $O/summary.txt
M=gpu__time_duration.sum,dram__bytes_read.sum,lts__t_sector_hit_rate.pct,lts__t_sectors_srcunit_tex_op_read.sum,sm__throughput.avg.pct_of_peak_sustained_elapsed,l1tex__m_xbar2l1tex_read_bytes.sum
for c in 0 1; do
  timeout 120 ncu --metrics $M -k regex:prefill_kernel --csv build/pa-bench --prefill-only --dims 256 --causal $c --pages 1 --table frag \
    --warmup 0 --iters 1 --no-check > $T/m_d256_c$c.csv 2>&1
done
echo "metrics $(el)" | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" * )
for tb in contig frag; do echo "== table $tb"; grep -E "^ *(64|128|256) " $T/t_$tb.txt; done | tee -a $O/summary.txt
for c in 0 1; do echo "== d256 causal $c (launches: contiguous, paged, contiguous)"; grep -E '^"' $T/m_d256_c$c.csv | \
  python3 -c "
import csv,sys
r=list(csv.reader(sys.stdin)); h=r[0]; k=h.index('Kernel Name'); n=h.index('Metric Name'); v=h.index('Metric Value'); i=h.index('ID')
for x in r[1:]: print(x[i], x[k][:40], x[n], x[v])
"; done | tee -a $O/summary.txt
echo "total $(el)"
