"""Generate docs/compat.md: which tf.compat.v1 names varflow provides, namespace by namespace.

    python tools/gen_compat.py                    # rewrite docs/compat.md from varflow itself
    python tools/gen_compat.py --out FILE         # write elsewhere (the docs test does this)
    /work/tfenv/bin/python tools/gen_compat.py --freeze   # once: rewrite docs/tf_compat_v1_names.txt

The reference list of TensorFlow names is frozen in docs/tf_compat_v1_names.txt (made once from a
real TensorFlow with --freeze), so regenerating the report needs no TensorFlow.
"""
from __future__ import annotations

import argparse
import inspect
import os
import sys
import types

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAMES_FILE = os.path.join(ROOT, "docs", "tf_compat_v1_names.txt")
COMPAT_FILE = os.path.join(ROOT, "docs", "compat.md")

# The tf.compat.v1 namespaces the report covers ("" is the top level), in report order.
NAMESPACES = ["", "nn", "nn.rnn_cell", "math", "random", "train", "layers", "losses", "metrics",
              "summary", "initializers", "errors", "debugging", "app", "flags", "test", "compat",
              "dtypes", "logging", "linalg", "data", "gfile", "io", "image", "sparse", "strings",
              "keras", "keras.initializers", "keras.regularizers", "keras.activations",
              "keras.backend", "keras.layers", "keras.losses", "keras.optimizers"]
FREEZE_HEADER = ("# Public names of tf.compat.v1 (TensorFlow {version}), one per line: "
                 "<dotted name> <kind>.\n# Generated once by `tools/gen_compat.py --freeze`; "
                 "the compat report compares varflow against it.\n")


def _kind(value) -> str:
    if isinstance(value, types.ModuleType) or type(value).__name__.endswith("LazyLoader"):
        return "module"
    if inspect.isclass(value):
        return "class"
    if callable(value):
        return "function"
    return "constant"


def freeze() -> int:
    """Walk a real tf.compat.v1 and write the frozen reference list (needs TensorFlow)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as real_tf

    v1 = real_tf.compat.v1
    rows = []
    for ns in NAMESPACES:
        module = v1
        for part in filter(None, ns.split(".")):
            module = getattr(module, part)
        try:
            names = sorted(dir(module))
        except Exception:   # Keras 3's lazy loader: list its public names through its __all__
            names = sorted(getattr(module, "__all__", ()))
        for name in names:
            if name.startswith("_"):
                continue
            try:
                value = getattr(module, name)
            except Exception:   # a lazily loaded name that fails to load is still a TF name
                value = None
            rows.append(("%s.%s" % (ns, name) if ns else name, _kind(value)))
    with open(NAMES_FILE, "w") as f:
        f.write(FREEZE_HEADER.format(version=real_tf.__version__))
        for name, kind in rows:
            f.write("%s %s\n" % (name, kind))
    print("wrote %d names to %s" % (len(rows), NAMES_FILE))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=COMPAT_FILE, help="where to write the report")
    parser.add_argument("--freeze", action="store_true",
                        help="rewrite the reference list from a real TensorFlow instead")
    args = parser.parse_args(argv)
    if args.freeze:
        return freeze()
    text = render(load_reference())
    with open(args.out, "w") as f:
        f.write(text)
    print("wrote %s" % args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
