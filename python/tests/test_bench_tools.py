"""bench/pa_ncu.py's mapping of ncu launches to pa-bench rows (no GPU needed)."""
import importlib.util
import os

import pytest

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("pa_ncu", os.path.join(_here, "..", "..", "bench", "pa_ncu.py"))
pa_ncu = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pa_ncu)


def _csv(durations):
    head = '"ID","Kernel Name","Metric Name","Metric Unit","Metric Value"\n'
    body = "".join('"%d","void k<%s>(p)","gpu__time_duration.sum","ns","%s"\n' % (i, name, f"{t:,.0f}")
                   for i, (name, t) in enumerate(durations))
    return "==PROF== noise\n" + head + body + "a pa-bench table line\n"


def test_rows_pair_paged_with_their_own_contiguous_calls():
    # one head_dim, one mask, pages 1 and 16, 2 iterations: base, base, then [paged, contig] x 2 per page
    seq = [("c", 1000), ("c", 990),
           ("g", 1200), ("c", 1010), ("g", 1100), ("c", 1000),
           ("p", 1040), ("c", 1005), ("p", 1030), ("c", 1001)]
    launches = pa_ncu.parse(_csv(seq))
    assert [t for _, t in launches] == [float(t) for _, t in seq]
    rows = pa_ncu.rows_of(launches, [128], [0], [1, 16], 2)
    assert [r["page"] for r in rows] == [0, 1, 16]
    assert rows[0]["contig_us"] == pytest.approx(0.990)
    assert rows[1]["overhead_pct"] == pytest.approx(100 * (1100 / 1000 - 1))
    assert rows[2]["overhead_pct"] == pytest.approx(100 * (1030 / 1001 - 1))
    assert pa_ncu.template_args(rows[1]["kernel"]) == "<g>"


def test_a_launch_count_that_does_not_match_is_refused():
    launches = pa_ncu.parse(_csv([("c", 1000)] * 9))
    assert pa_ncu.rows_of(launches, [128], [0], [1, 16], 2) is None


def test_the_command_takes_the_table_order_and_extra_pa_bench_arguments():
    cmd = pa_ncu.ncu_command("pa", "128", "0", "8,16", 2)
    assert cmd[cmd.index("--table") + 1] == "frag" and cmd[-1] == "--no-check"
    cmd = pa_ncu.ncu_command("pa", "128", "0", "8,16", 2, table="contig", pa_extra="--frag-block 8")
    assert cmd[cmd.index("--table") + 1] == "contig"
    assert cmd[-2:] == ["--frag-block", "8"]
    assert cmd[cmd.index("--iters") + 1] == "2" and cmd[cmd.index("--pages") + 1] == "8,16"


def test_ncu_arguments_go_before_the_program_and_pa_bench_arguments_after_it():
    cmd = pa_ncu.ncu_command("pa", "256", "1", "1", 2, ncu_extra="--clock-control none --cache-control none")
    i = cmd.index("pa")
    assert cmd.index("--clock-control") < i and cmd.index("--cache-control") < i
    assert cmd[cmd.index("--clock-control") + 1] == "none"
    assert cmd[i + 1] == "--prefill-only" and cmd[-1] == "--no-check"
