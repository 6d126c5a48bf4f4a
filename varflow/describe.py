"""`varflow.describe()`: a model summary of a graph's variables, grouped by variable scope."""
from __future__ import annotations

_COLLECTION_TAGS = (("variables", "G"), ("local_variables", "L"), ("trainable_variables", "T"),
                    ("model_variables", "M"), ("moving_average_variables", "A"),
                    ("metric_variables", "m"))


def _collections_of(var, graph) -> str:
    tags = []
    for key, tag in _COLLECTION_TAGS:
        if any(item is var for item in graph.get_collection(key)):
            tags.append(tag)
    return "".join(tags) or "-"


def _scope_of(name: str) -> str:
    op_name = name.split(":")[0]
    return op_name.rsplit("/", 1)[0] if "/" in op_name else "(root)"


def describe_variables(variables, session=None) -> str:
    """The table for `variables` (with an `initialized` column when `session` is given)."""
    rows = []
    for v in variables:
        shape = v.shape.as_list() if v.shape.ndims is not None else None
        params = v.shape.num_elements()
        dtype = v.dtype.base_dtype
        nbytes = None if params is None or dtype.name == "string" else params * dtype.size
        init = ""
        if session is not None:
            from .ops.state_ops import is_variable_initialized

            with v.graph.as_default():
                init = "yes" if session.run(is_variable_initialized(v)) else "NO"
        rows.append((_scope_of(v.name), v.name, str(shape), dtype.name, v.device or "-",
                     _collections_of(v, v.graph), "yes" if v.trainable else "no", init,
                     params, nbytes))
    header = ["name", "shape", "dtype", "device", "coll", "train"]
    if session is not None:
        header.append("init")
    header += ["params", "bytes"]
    lines = []
    body: list = []
    scopes: dict = {}
    for r in rows:
        scopes.setdefault(r[0], []).append(r)
    for scope, items in scopes.items():
        body.append(("scope", scope))
        for r in items:
            cells = [r[1], r[2], r[3], r[4], r[5], r[6]]
            if session is not None:
                cells.append(r[7])
            cells += [_num(r[8]), _num(r[9])]
            body.append(("row", cells))
        if len(items) > 1:
            body.append(("subtotal", (scope, sum(r[8] or 0 for r in items),
                                      sum(r[9] or 0 for r in items))))
    widths = [len(h) for h in header]
    for kind, cells in body:
        if kind == "row":
            widths = [max(w, len(c)) for w, c in zip(widths, cells)]
    sep = "  "
    lines.append(sep.join(h.ljust(w) for h, w in zip(header, widths)))
    lines.append(sep.join("-" * w for w in widths))
    for kind, cells in body:
        if kind == "scope":
            lines.append("[%s]" % cells)
        elif kind == "row":
            lines.append(sep.join(c.rjust(w) if i >= len(widths) - 2 else c.ljust(w)
                                  for i, (c, w) in enumerate(zip(cells, widths))))
        else:
            scope, p, b = cells
            lines.append("  subtotal %s: %s params, %s bytes" % (scope, _num(p), _num(b)))
    total_p = sum(r[8] or 0 for r in rows)
    total_b = sum(r[9] or 0 for r in rows)
    lines.append("-" * (sum(widths) + len(sep) * (len(widths) - 1)))
    lines.append("%d variables, %s parameters, %s bytes   (coll: G global, L local, "
                 "T trainable, M model, A moving-average, m metric)"
                 % (len(rows), _num(total_p), _num(total_b)))
    return "\n".join(lines)


def _num(n) -> str:
    return "?" if n is None else "{:,}".format(n)


def describe(graph=None, session=None, file=None) -> str:
    """Print (and return) the table of every variable in `graph` (default: the default graph)."""
    import sys

    from .framework.graph import get_default_graph
    from .framework.graph_keys import GraphKeys

    graph = graph or get_default_graph()
    seen: dict = {}
    for key in (GraphKeys.GLOBAL_VARIABLES, GraphKeys.LOCAL_VARIABLES,
                GraphKeys.TRAINABLE_VARIABLES):
        for v in graph.get_collection(key):
            if hasattr(v, "initializer"):
                seen.setdefault(id(v), v)
    text = describe_variables(list(seen.values()), session)
    print(text, file=file or sys.stdout)
    return text
