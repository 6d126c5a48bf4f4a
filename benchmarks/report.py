"""The benchmark table: which figures each case reports, their targets, and how a row is judged and printed."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    """One row: `key` in the workers' JSON, `better` is "lower" or "higher", and the target is either a
    speedup over TensorFlow (`speedup`), an absolute bound on varflow's figure (`max_value`/`min_value`),
    or varflow's import time within `over_numpy_ms` of NumPy's, or (`below_tf_minus_import`) varflow's
    figure at most TensorFlow's less TensorFlow's import overhead (its import RSS over NumPy's)."""
    case: str
    key: str
    label: str
    unit: str
    better: str
    speedup: float | None = None
    max_value: float | None = None
    min_value: float | None = None
    over_numpy_ms: float | None = None
    below_tf_minus_import: bool = False
    note: str = ""


METRICS = [
    Metric("import", "import_ms", "import time", "ms", "lower", over_numpy_ms=60.0),
    Metric("import", "numpy_import_ms", "  (NumPy's own import)", "ms", "lower", note="reference"),
    Metric("import", "numpy_import_rss_mib", "  (NumPy's own peak RSS)", "MiB", "lower", note="reference"),
    Metric("import", "import_rss_mib", "peak RSS after import", "MiB", "lower", max_value=40.0),
    Metric("graph_build", "op_create_us", "tf.add created", "µs/op", "lower", speedup=20.0),
    Metric("graph_build", "var_create_us", "get_variable create (nested scopes)", "µs", "lower", speedup=20.0),
    Metric("graph_build", "var_reuse_us", "get_variable reuse", "µs", "lower", speedup=20.0),
    Metric("one_op", "assign_add_run_us", "sess.run(v.assign_add(1.0))", "µs", "lower", speedup=20.0,
           note="≥10× in one issue, ≥20× in issue 7"),
    Metric("one_op", "fed_2op_run_us", "sess.run(x*2+1, feed)", "µs", "lower", speedup=10.0),
    Metric("session_cycle", "session_cycle_ms", "Session + init 100 vars + close", "ms", "lower",
           speedup=20.0),
    Metric("mlp", "mlp_sgd_steps_per_s", "MLP 784-512-512-10 SGD", "steps/s", "higher", speedup=1.1,
           note="≥ TF in issue 4, ≥ 1.1× in issue 7"),
    Metric("mlp", "mlp_matmul_fraction", "  fraction of NumPy matmul ceiling", "%", "higher", min_value=0.6),
    Metric("mlp", "numpy_matmul_gflops", "  (NumPy matmul ceiling)", "GFLOP/s", "higher", note="reference"),
    Metric("mlp", "mlp_adam_steps_per_s", "MLP 784-512-512-10 Adam", "steps/s", "higher", speedup=1.1,
           note="issue 7"),
    Metric("mlp", "mlp_peak_rss_mib", "peak RSS of the MLP process", "MiB", "lower",
           below_tf_minus_import=True),
    Metric("conv", "conv_forward_img_per_s", "conv filter forward", "images/s", "higher", speedup=1.0,
           note="≥ TF in issue 4, ≥ 0.7× in issue 7"),
    Metric("conv", "conv_train_img_per_s", "conv filter training step", "images/s", "higher", speedup=1.0,
           note="≥ TF in issue 4, ≥ 0.7× in issue 7"),
    Metric("cnn", "cnn_train_img_per_s", "CNN training step (conv, pool, dense, Adam)", "images/s",
           "higher", note="no target"),
    Metric("checkpoint", "ckpt_save_mb_per_s", "checkpoint save 200 MB", "MB/s", "higher", speedup=1.0),
    Metric("checkpoint", "ckpt_restore_mb_per_s", "checkpoint restore 200 MB", "MB/s", "higher", speedup=1.0),
    Metric("xla", "xla_mlp_sgd_steps_per_s", "MLP SGD, XLA on (TF: its XLA)", "steps/s", "higher",
           speedup=1.3),
    Metric("xla", "xla_mlp_adam_steps_per_s", "MLP Adam, XLA on", "steps/s", "higher", speedup=1.3),
    Metric("xla", "xla_conv_forward_img_per_s", "conv filter forward, XLA on", "images/s", "higher",
           speedup=1.0),
    Metric("xla", "xla_conv_train_img_per_s", "conv filter training, XLA on", "images/s", "higher",
           speedup=1.0),
]

CASES = ["import", "graph_build", "one_op", "session_cycle", "mlp", "conv", "cnn", "checkpoint", "xla"]


def advantage(metric: Metric, vf: float | None, tf: float | None) -> float | None:
    """How many times better varflow's figure is than TensorFlow's (>1: varflow better)."""
    if vf is None or tf is None or vf <= 0 or tf <= 0:
        return None
    return tf / vf if metric.better == "lower" else vf / tf


# TensorFlow's import overhead (its import RSS over a Python + NumPy process) named by issue 7, used
# when the import case did not run
TF_IMPORT_OVERHEAD_MIB = 460.0


def judge(metric: Metric, vf: float | None, tf: float | None, extra: dict,
          tf_extra: dict | None = None) -> tuple[str, str]:
    """(target text, PASS / MISS / n/a) for one row."""
    if metric.below_tf_minus_import:
        tf_import, np_import = (tf_extra or {}).get("import_rss_mib"), extra.get("numpy_import_rss_mib")
        overhead = tf_import - np_import if tf_import and np_import else TF_IMPORT_OVERHEAD_MIB
        target = "≤ TF − %.0f (its import)" % overhead
        if vf is None or tf is None:
            return target, "n/a"
        return target, "PASS" if vf <= tf - overhead else "MISS"
    if metric.over_numpy_ms is not None:
        np_ms = extra.get("numpy_import_ms")
        target = "≤ NumPy + %g ms" % metric.over_numpy_ms
        if vf is None or np_ms is None:
            return target, "n/a"
        return target, "PASS" if vf - np_ms <= metric.over_numpy_ms else "MISS"
    if metric.max_value is not None:
        target = "< %g %s" % (metric.max_value, metric.unit)
        return target, ("n/a" if vf is None else "PASS" if vf < metric.max_value else "MISS")
    if metric.min_value is not None:
        target = "≥ %g%%" % (metric.min_value * 100)
        return target, ("n/a" if vf is None else "PASS" if vf >= metric.min_value else "MISS")
    if metric.speedup is not None:
        target = "≥ TF" if metric.speedup == 1.0 else "≥ %g× TF" % metric.speedup
        ratio = advantage(metric, vf, tf)
        return target, ("n/a" if ratio is None else "PASS" if ratio >= metric.speedup else "MISS")
    return metric.note or "", ""


def fmt_value(metric: Metric, value) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    if metric.unit == "%":
        return "%.0f%%" % (value * 100)
    if value >= 100:
        return "%.0f" % value
    if value >= 10:
        return "%.1f" % value
    return "%.2f" % value


def build_rows(vf: dict, tf: dict | None, cases: list) -> list[dict]:
    """The table rows (dicts, also written by --json) for the cases that ran."""
    rows = []
    for metric in METRICS:
        if metric.case not in cases:
            continue
        v = vf.get(metric.key)
        t = tf.get(metric.key) if tf else None
        if v is None and t is None and metric.key == "mlp_adam_steps_per_s":
            continue
        target, result = judge(metric, v, t, vf, tf)
        rows.append({"case": metric.case, "metric": metric.label.strip(), "label": metric.label,
                     "unit": metric.unit, "varflow": v, "tensorflow": t,
                     "advantage": advantage(metric, v, t), "target": target, "result": result,
                     "_metric": metric})
    return rows


def render(rows: list[dict]) -> str:
    """The rows as one aligned text table (markdown-compatible)."""
    header = ["case", "figure", "unit", "varflow", "TensorFlow", "vf advantage", "target", "result"]
    lines = [header]
    for r in rows:
        m = r["_metric"]
        adv = "%.2f×" % r["advantage"] if r["advantage"] is not None else "n/a"
        if m.unit == "%" or m.note == "reference":
            adv = ""
        lines.append([r["case"], r["label"], r["unit"], fmt_value(m, r["varflow"]),
                      fmt_value(m, r["tensorflow"]), adv, r["target"], r["result"]])
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        out.append("| " + " | ".join(str(c).ljust(w) for c, w in zip(line, widths)) + " |")
        if n == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)
