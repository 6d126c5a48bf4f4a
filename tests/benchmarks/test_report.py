"""How benchmark rows are judged against the issues' targets."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks"))

import report  # noqa: E402


def _metric(key):
    return next(m for m in report.METRICS if m.key == key)


def test_mlp_rss_must_stay_below_tensorflow_less_its_import_overhead():
    rss = _metric("mlp_peak_rss_mib")
    measured = ({"numpy_import_rss_mib": 26.0}, {"import_rss_mib": 486.0})   # overhead 460
    assert report.judge(rss, 75.0, 530.0, *measured) == ("≤ TF − 460 (its import)", "MISS")
    assert report.judge(rss, 60.0, 530.0, *measured)[1] == "PASS"
    assert report.judge(rss, 65.0, 530.0, {}, None)[1] == "PASS"       # the 460 MiB
    assert report.judge(rss, 65.0, None, {}, None)[1] == "n/a"


def test_speedup_targets():
    one_op = _metric("assign_add_run_us")
    assert report.judge(one_op, 5.0, 100.0, {}) == ("≥ 20× TF", "PASS")
    assert report.judge(one_op, 6.0, 100.0, {})[1] == "MISS"
