"""Nested element structures of tf.data: tuples (and namedtuples) and dicts of components.

A structure is flattened to a list of leaves (dict entries in sorted key order, as TF does) and
packed back from such a list; lists count as single components when given as dataset inputs.
"""
from __future__ import annotations


def is_nested(x) -> bool:
    return isinstance(x, (tuple, dict))


def flatten(structure) -> list:
    """The leaves of `structure`, depth first."""
    if isinstance(structure, dict):
        return [leaf for k in sorted(structure) for leaf in flatten(structure[k])]
    if isinstance(structure, tuple):
        return [leaf for s in structure for leaf in flatten(s)]
    return [structure]


def pack_as(structure, leaves: list):
    """`structure` with its leaves replaced, in order, by `leaves`."""
    it = iter(leaves)

    def build(s):
        if isinstance(s, dict):
            built = {k: build(s[k]) for k in sorted(s)}
            return type(s)((k, built[k]) for k in s) if type(s) is not dict else \
                {k: built[k] for k in s}
        if isinstance(s, tuple):
            items = [build(x) for x in s]
            return type(s)(*items) if hasattr(s, "_fields") else tuple(items)
        return next(it)
    out = build(structure)
    return out


def map_structure(fn, structure):
    return pack_as(structure, [fn(x) for x in flatten(structure)])


def lists_to_tuples(structure):
    """TF treats a list returned by a dataset function as a tuple of components."""
    if isinstance(structure, list):
        return tuple(lists_to_tuples(x) for x in structure)
    if isinstance(structure, dict):
        return type(structure)((k, lists_to_tuples(v)) for k, v in structure.items())
    if isinstance(structure, tuple) and not hasattr(structure, "_fields"):
        return tuple(lists_to_tuples(x) for x in structure)
    return structure


def flatten_up_to(structure, value) -> list:
    """The leaves of `value` where `structure` has leaves (deeper lists stay whole components)."""
    if isinstance(structure, dict):
        return [leaf for k in sorted(structure) for leaf in flatten_up_to(structure[k], value[k])]
    if isinstance(structure, tuple):
        if not isinstance(value, (tuple, list)) or len(value) != len(structure):
            raise ValueError("%r does not match the structure %r" % (value, structure))
        return [leaf for s, v in zip(structure, value) for leaf in flatten_up_to(s, v)]
    return [value]
