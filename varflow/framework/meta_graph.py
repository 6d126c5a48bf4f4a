"""MetaGraphDef: a graph with its collections and its Saver, as TF1's `.meta` files hold them.

Field numbers follow TF's meta_graph.proto, saver.proto, variable.proto, op_def.proto and
control_flow.proto. `export_meta_graph` writes what TF1 writes: the GraphDef (with
`_output_shapes`), the SaverDef, and every collection a CollectionDef can hold — variables as
serialized VariableDefs, Saver objects as SaverDefs, tf.cond contexts as CondContextDefs, tensors
and operations by name, strings, ints and floats as lists (anything else is skipped with TF's
warning). `import_meta_graph` reads a binary or text `.meta`, imports the graph through
`import_graph_def`, rebuilds the collections (the same Variable object in every variable
collection, as TF) and returns a Saver built from the SaverDef. Not written: `stripped_op_list`
(varflow has no full OpDefs; TF's importer does not need it), `.debug` files.
"""
from __future__ import annotations

import os
import re

from ..platform import tf_logging as logging
from .graph_def import AttrValue, GraphDef
from .graph_keys import GraphKeys
from .proto_message import Field, Message
from .tensor_proto import DATA_TYPE_NAMES, TensorProto, TensorShapeProto

__all__ = ["MetaGraphDef", "CollectionDef", "SaverDef", "VariableDef", "SaveSliceInfoDef",
           "CondContextDef", "export_meta_graph", "import_meta_graph", "read_meta_graph_file",
           "strip_name_scope", "prepend_name_scope"]

UNBOUND_INPUT_PREFIX = "$unbound_inputs_"


# ------------------------------------------------------------------------------------------------
# Messages
# ------------------------------------------------------------------------------------------------
class Any(Message):
    """google.protobuf.Any: a serialized message and the URL of its type."""

    FIELDS = (Field("type_url", 1, "string"), Field("value", 2, "bytes"))


_FULL_TYPE_IDS = dict((int(n), name) for n, name in (item.split(":") for item in (
    "0:TFT_UNSET 1:TFT_VAR 2:TFT_ANY 3:TFT_PRODUCT 4:TFT_NAMED 20:TFT_FOR_EACH 100:TFT_CALLABLE 1000:TFT_TENSOR "
    "1001:TFT_ARRAY 1002:TFT_OPTIONAL 1003:TFT_LITERAL 1004:TFT_ENCODED 1005:TFT_SHAPE_TENSOR 200:TFT_BOOL "
    "201:TFT_UINT8 202:TFT_UINT16 203:TFT_UINT32 204:TFT_UINT64 205:TFT_INT8 206:TFT_INT16 207:TFT_INT32 "
    "208:TFT_INT64 209:TFT_HALF 210:TFT_FLOAT 211:TFT_DOUBLE 215:TFT_BFLOAT16 212:TFT_COMPLEX64 "
    "213:TFT_COMPLEX128 214:TFT_STRING 10102:TFT_DATASET 10103:TFT_RAGGED 10104:TFT_ITERATOR "
    "10202:TFT_MUTEX_LOCK 10203:TFT_LEGACY_VARIANT").split()))


class FullTypeDef(Message):
    """An op argument's full type (kept so TF's stripped op lists survive a round trip)."""

    FIELDS = (Field("type_id", 1, "enum", enum_names=_FULL_TYPE_IDS),
              Field("args", 2, "message", repeated=True, message=lambda: FullTypeDef),
              Field("s", 3, "string", oneof="attr"),
              Field("i", 4, "int64", oneof="attr"))


class DtypeAndShape(Message):
    """ResourceHandleProto.DtypeAndShape."""

    FIELDS = (Field("dtype", 1, "enum", enum_names=DATA_TYPE_NAMES),
              Field("shape", 2, "message", message=TensorShapeProto))


class OpDef(Message):
    """One op's interface, as TF's stripped_op_list records it."""

    class ArgDef(Message):
        FIELDS = (Field("name", 1, "string"), Field("description", 2, "string"),
                  Field("type", 3, "enum", enum_names=DATA_TYPE_NAMES), Field("type_attr", 4, "string"),
                  Field("number_attr", 5, "string"), Field("type_list_attr", 6, "string"),
                  Field("handle_data", 7, "message", repeated=True, message=DtypeAndShape),
                  Field("is_ref", 16, "bool"),
                  Field("experimental_full_type", 17, "message", message=FullTypeDef))

    class AttrDef(Message):
        FIELDS = (Field("name", 1, "string"), Field("type", 2, "string"),
                  Field("default_value", 3, "message", message=AttrValue),
                  Field("description", 4, "string"), Field("has_minimum", 5, "bool"),
                  Field("minimum", 6, "int64"),
                  Field("allowed_values", 7, "message", message=AttrValue))

    class OpDeprecation(Message):
        FIELDS = (Field("version", 1, "int32"), Field("explanation", 2, "string"))

    FIELDS = (Field("name", 1, "string"),
              Field("input_arg", 2, "message", repeated=True, message=lambda: OpDef.ArgDef),
              Field("output_arg", 3, "message", repeated=True, message=lambda: OpDef.ArgDef),
              Field("attr", 4, "message", repeated=True, message=lambda: OpDef.AttrDef),
              Field("summary", 5, "string"), Field("description", 6, "string"),
              Field("deprecation", 8, "message", message=lambda: OpDef.OpDeprecation),
              Field("is_aggregate", 16, "bool"), Field("is_stateful", 17, "bool"),
              Field("is_commutative", 18, "bool"), Field("allows_uninitialized_input", 19, "bool"),
              Field("control_output", 20, "string", repeated=True),
              Field("is_distributed_communication", 21, "bool"))


class OpList(Message):
    """A list of OpDefs."""

    FIELDS = (Field("op", 1, "message", repeated=True, message=OpDef),)


class CollectionDef(Message):
    """One collection: names of graph elements, bytes (e.g. serialized protos), int64s, floats or Anys."""

    class NodeList(Message):
        FIELDS = (Field("value", 1, "string", repeated=True),)

    class BytesList(Message):
        FIELDS = (Field("value", 1, "bytes", repeated=True),)

    class Int64List(Message):
        FIELDS = (Field("value", 1, "int64", repeated=True),)

    class FloatList(Message):
        FIELDS = (Field("value", 1, "float", repeated=True),)

    class AnyList(Message):
        FIELDS = (Field("value", 1, "message", repeated=True, message=Any),)

    FIELDS = (Field("node_list", 1, "message", message=lambda: CollectionDef.NodeList, oneof="kind"),
              Field("bytes_list", 2, "message", message=lambda: CollectionDef.BytesList, oneof="kind"),
              Field("int64_list", 3, "message", message=lambda: CollectionDef.Int64List, oneof="kind"),
              Field("float_list", 4, "message", message=lambda: CollectionDef.FloatList, oneof="kind"),
              Field("any_list", 5, "message", message=lambda: CollectionDef.AnyList, oneof="kind"))


class TensorInfo(Message):
    """A SignatureDef's tensor: its name (or COO sparse parts), dtype and shape."""

    class CooSparse(Message):
        FIELDS = (Field("values_tensor_name", 1, "string"), Field("indices_tensor_name", 2, "string"),
                  Field("dense_shape_tensor_name", 3, "string"))

    FIELDS = (Field("name", 1, "string", oneof="encoding"),
              Field("dtype", 2, "enum", enum_names=DATA_TYPE_NAMES),
              Field("tensor_shape", 3, "message", message=TensorShapeProto),
              Field("coo_sparse", 4, "message", message=lambda: TensorInfo.CooSparse, oneof="encoding"))


class SignatureDef(Message):
    """A named signature (SavedModel's): inputs and outputs by key, and a method name."""

    FIELDS = (Field("inputs", 1, "map", message=TensorInfo),
              Field("outputs", 2, "map", message=TensorInfo),
              Field("method_name", 3, "string"),
              Field("defaults", 4, "map", message=TensorProto))


class AssetFileDef(Message):
    """An asset file and the tensor that holds its path."""

    FIELDS = (Field("tensor_info", 1, "message", message=TensorInfo), Field("filename", 2, "string"))


class SaverDef(Message):
    """A Saver's configuration: the names of its filename, save and restore graph elements."""

    LEGACY = 0
    V1 = 1
    V2 = 2
    FIELDS = (Field("filename_tensor_name", 1, "string"),
              Field("save_tensor_name", 2, "string"),
              Field("restore_op_name", 3, "string"),
              Field("max_to_keep", 4, "int32"),
              Field("sharded", 5, "bool"),
              Field("keep_checkpoint_every_n_hours", 6, "float"),
              Field("version", 7, "enum", enum_names={0: "LEGACY", 1: "V1", 2: "V2"}))


class SaveSliceInfoDef(Message):
    """Where a partitioned variable's part sits in the full variable."""

    FIELDS = (Field("full_name", 1, "string"),
              Field("full_shape", 2, "int64", repeated=True),
              Field("var_offset", 3, "int64", repeated=True),
              Field("var_shape", 4, "int64", repeated=True))


class VariableDef(Message):
    """The graph names that make up one variable (what `Variable.to_proto` writes)."""

    FIELDS = (Field("variable_name", 1, "string"),
              Field("initializer_name", 2, "string"),
              Field("snapshot_name", 3, "string"),
              Field("save_slice_info_def", 4, "message", message=SaveSliceInfoDef),
              Field("is_resource", 5, "bool"),
              Field("initial_value_name", 6, "string"),
              Field("trainable", 7, "bool"),
              Field("synchronization", 8, "enum", enum_names={
                  0: "VARIABLE_SYNCHRONIZATION_AUTO", 1: "VARIABLE_SYNCHRONIZATION_NONE",
                  2: "VARIABLE_SYNCHRONIZATION_ON_WRITE", 3: "VARIABLE_SYNCHRONIZATION_ON_READ"}),
              Field("aggregation", 9, "enum", enum_names={
                  0: "VARIABLE_AGGREGATION_NONE", 1: "VARIABLE_AGGREGATION_SUM",
                  2: "VARIABLE_AGGREGATION_MEAN", 3: "VARIABLE_AGGREGATION_ONLY_FIRST_REPLICA"}))


class ValuesDef(Message):
    """The tensors of a control-flow context, and the outside tensors it reads (name -> inside name)."""

    FIELDS = (Field("values", 1, "string", repeated=True),
              Field("external_values", 2, "map", message="string"))


class CondContextDef(Message):
    """One branch of a TF1 `tf.cond`: predicate, pivot, branch index and its tensors."""

    FIELDS = (Field("context_name", 1, "string"),
              Field("pred_name", 2, "string"),
              Field("pivot_name", 3, "string"),
              Field("branch", 4, "int32"),
              Field("values_def", 5, "message", message=ValuesDef),
              Field("nested_contexts", 6, "message", repeated=True, message=lambda: ControlFlowContextDef))


class WhileContextDef(Message):
    """A TF1 while loop's context (parsed so TF's files read; varflow cannot run TF's loops)."""

    FIELDS = (Field("context_name", 1, "string"),
              Field("parallel_iterations", 2, "int32"),
              Field("back_prop", 3, "bool"),
              Field("swap_memory", 4, "bool"),
              Field("pivot_name", 5, "string"),
              Field("pivot_for_pred_name", 6, "string"),
              Field("pivot_for_body_name", 7, "string"),
              Field("loop_exit_names", 8, "string", repeated=True),
              Field("values_def", 9, "message", message=ValuesDef),
              Field("loop_enter_names", 10, "string", repeated=True),
              Field("maximum_iterations_name", 11, "string"),
              Field("nested_contexts", 12, "message", repeated=True, message=lambda: ControlFlowContextDef))


class ControlFlowContextDef(Message):
    """A nested control-flow context: a cond's or a while loop's."""

    FIELDS = (Field("cond_ctxt", 1, "message", message=CondContextDef, oneof="ctxt"),
              Field("while_ctxt", 2, "message", message=WhileContextDef, oneof="ctxt"))


class MetaGraphDef(Message):
    """A graph, its Saver and its collections: what a TF1 `.meta` file holds."""

    class MetaInfoDef(Message):
        FIELDS = (Field("meta_graph_version", 1, "string"),
                  Field("stripped_op_list", 2, "message", message=OpList),
                  Field("any_info", 3, "message", message=Any),
                  Field("tags", 4, "string", repeated=True),
                  Field("tensorflow_version", 5, "string"),
                  Field("tensorflow_git_version", 6, "string"),
                  Field("stripped_default_attrs", 7, "bool"),
                  Field("function_aliases", 8, "map", message="string"))

    FIELDS = (Field("meta_info_def", 1, "message", message=lambda: MetaGraphDef.MetaInfoDef),
              Field("graph_def", 2, "message", message=GraphDef),
              Field("saver_def", 3, "message", message=SaverDef),
              Field("collection_def", 4, "map", message=CollectionDef),
              Field("signature_def", 5, "map", message=SignatureDef),
              Field("asset_file_def", 6, "message", repeated=True, message=AssetFileDef))


# ------------------------------------------------------------------------------------------------
# Name scopes (TF's ops.strip_name_scope / ops.prepend_name_scope)
# ------------------------------------------------------------------------------------------------
def strip_name_scope(name: str, export_scope: str | None) -> str:
    """`name` without a leading `export_scope/` (also after `^` and `loc:@`)."""
    if not export_scope:
        return name
    scope = export_scope[:-1] if export_scope.endswith("/") else export_scope
    if isinstance(name, bytes):
        name = name.decode("utf-8")
    return re.sub(r"([\^]|loc:@|^)%s[/]+(.*)" % re.escape(scope), r"\1\2", name, count=1)


def prepend_name_scope(name: str, import_scope: str | None) -> str:
    """`import_scope/name` (keeping a leading `^` or `loc:@` in front)."""
    if not import_scope:
        return name
    scope = import_scope[:-1] if import_scope.endswith("/") else import_scope
    if isinstance(name, bytes):
        name = name.decode("utf-8")
    return re.sub(r"([\^]|loc:@|^)(.*)", lambda m: m.group(1) + scope + "/" + m.group(2), name, count=1)


# ------------------------------------------------------------------------------------------------
# tf.cond contexts: written as TF's CondContextDefs, read back to give imported Merges their predicate
# ------------------------------------------------------------------------------------------------
def cond_context_to_proto(ctx, export_scope: str | None = None) -> CondContextDef | None:
    """The CondContextDef of one varflow cond branch: its ops' outputs, the outside tensors it reads
    (each with its Switch output), predicate and pivot; nested conds inside it."""
    if export_scope is not None and not ctx.name.startswith(export_scope):
        return None
    switch_ops = {inside._op for inside in ctx._switched.values()}  # only the branch's side is its own
    values = {t.name for op in ctx._ops if op not in switch_ops for t in op._outputs}
    external = {ctx.pred.name: ctx.pred.name}
    for outside, inside in ctx._switched.items():
        values.update((outside.name, inside.name))
        external[outside.name] = inside.name
    values.update((ctx.pred.name, ctx.pivot.name))
    out = CondContextDef(context_name=strip_name_scope(ctx.name, export_scope),
                         pred_name=strip_name_scope(ctx.pred.name, export_scope),
                         pivot_name=strip_name_scope(ctx.pivot.name, export_scope), branch=ctx.branch)
    out.values_def = ValuesDef(values=sorted(strip_name_scope(v, export_scope) for v in values),
                               external_values={strip_name_scope(k, export_scope): strip_name_scope(v, export_scope)
                                                for k, v in external.items()})
    for inner in ctx._nested:
        inner_def = cond_context_to_proto(inner, export_scope)
        if inner_def is not None:
            out.nested_contexts.append(ControlFlowContextDef(cond_ctxt=inner_def))
    return out


def cond_context_from_proto(context_def: CondContextDef, import_scope, graph, contexts=None, outer=None) -> object:
    """A varflow CondContext over imported ops: the ops its values name join it (as in TF), nested
    contexts are rebuilt inside it; every context made is appended to `contexts`."""
    from ..ops.control_flow_ops import CondContext

    def name(n):
        return prepend_name_scope(n, import_scope)

    ctx = CondContext(graph.get_tensor_by_name(name(context_def.pred_name)),
                      graph.get_tensor_by_name(name(context_def.pivot_name)), context_def.branch, outer,
                      name=name(context_def.context_name))
    values = {name(v) for v in context_def.values_def.values}
    external = {name(k): name(v) for k, v in context_def.values_def.external_values.items()}
    ctx._values = values
    for op_name in sorted({v.rsplit(":", 1)[0] for v in values - set(external)}):
        op = graph.get_operation_by_name(op_name)
        op._control_flow_context = ctx
        ctx._ops.append(op)
    ctx._switched = {graph.get_tensor_by_name(k): graph.get_tensor_by_name(v)
                     for k, v in external.items() if k != v}
    if contexts is not None:
        contexts.append(ctx)
    for nested in context_def.nested_contexts:
        if nested.WhichOneof("ctxt") == "cond_ctxt":
            cond_context_from_proto(nested.cond_ctxt, import_scope, graph, contexts, ctx)
    return ctx


def link_cond_merges(graph, contexts: list) -> None:
    """Give each imported cond's Merge its predicate (`_cond_pred`: what varflow's Merge gradient
    and dead-branch planning read), from the two branch contexts whose values feed it."""
    by_pred: dict = {}
    for ctx in contexts:
        by_pred.setdefault(ctx.pred, {})[ctx.branch] = ctx
    for pred, branches in by_pred.items():
        true_ctx, false_ctx = branches.get(1), branches.get(0)
        if true_ctx is None or false_ctx is None:
            continue
        for value in true_ctx._values:
            try:
                tensor = graph.get_tensor_by_name(value)
            except (KeyError, ValueError):
                continue
            for op in tensor.consumers():
                if (op.type == "Merge" and len(op.inputs) == 2 and op.inputs[1] is tensor
                        and op.inputs[0].name in false_ctx._values and "_cond_pred" not in op._attrs):
                    op._set_attr("_cond_pred", pred)
    graph._structure_changed()


# ------------------------------------------------------------------------------------------------
# Collections: which keys hold protos, and how their items are written and rebuilt
# ------------------------------------------------------------------------------------------------
_VARIABLE_KEYS = (GraphKeys.GLOBAL_VARIABLES, GraphKeys.TRAINABLE_VARIABLES, GraphKeys.LOCAL_VARIABLES,
                  GraphKeys.MODEL_VARIABLES, GraphKeys.MOVING_AVERAGE_VARIABLES,
                  GraphKeys.METRIC_VARIABLES, GraphKeys.GLOBAL_STEP)
_SHARED_VARIABLE_KEYS = frozenset(GraphKeys._VARIABLE_COLLECTIONS)   # one object per VariableDef
_PROTO_KEYS = frozenset(_VARIABLE_KEYS + (GraphKeys.SAVERS, GraphKeys.COND_CONTEXT,
                                          GraphKeys.WHILE_CONTEXT, GraphKeys.QUEUE_RUNNERS))
_SKIP_WARNING = ("Issue encountered when serializing %s.\nType is unsupported, or the types of the items "
                 "don't match field type in CollectionDef. Note this is a warning and probably safe to "
                 "ignore.\n%s")


def _item_to_proto(key: str, item, export_scope: str | None):
    """The proto a registered collection writes for `item` (None: item left out, as TF)."""
    to_proto = getattr(item, "to_proto", None)
    if to_proto is None:
        raise TypeError("%r in collection %r has no to_proto(); collection %r holds %s objects"
                        % (item, key, key, "Variable" if key in _VARIABLE_KEYS else "proto-backed"))
    return to_proto(export_scope=export_scope)


def _kind_of(item) -> str:
    if isinstance(item, (str, bytes)):
        return "bytes_list"
    if isinstance(item, int):
        return "int64_list"
    if isinstance(item, float):
        return "float_list"
    if isinstance(item, Any):
        return "any_list"
    return "node_list"


def _node_value(x, export_scope):
    return strip_name_scope(_name_of(x), export_scope)


def _bytes_value(x, export_scope):
    if not isinstance(x, (str, bytes)):
        raise TypeError("%r is not a string or bytes (the collection's first item is)" % (x,))
    return x.encode("utf-8") if isinstance(x, str) else x


def _int_value(x, export_scope):
    if isinstance(x, bool) or not isinstance(x, int):
        raise TypeError("Field tensorflow.CollectionDef.Int64List.value: Expected an int, got %s."
                        % ("a boolean" if isinstance(x, bool) else type(x).__name__))
    return x


def _float_value(x, export_scope):
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise TypeError("%r is not a float (the collection's first item is)" % (x,))
    return float(x)


def _any_value(x, export_scope):
    if not isinstance(x, Any):
        raise TypeError("%r is not an Any (the collection's first item is)" % (x,))
    return x


_VALUE_OF = {"node_list": _node_value, "bytes_list": _bytes_value, "int64_list": _int_value,
             "float_list": _float_value, "any_list": _any_value}


def _plain_values(kind: str, items: list, export_scope: str | None) -> list:
    """The CollectionDef values of a collection of names, strings or numbers (TypeError if mixed)."""
    return [_VALUE_OF[kind](x, export_scope) for x in items]


def _name_of(x) -> str:
    name = getattr(x, "name", None)
    if not isinstance(name, str):
        raise AttributeError("'%s' object has no attribute 'name' (a CollectionDef holds names of tensors "
                             "and operations, strings, ints, floats or serialized protos)" % type(x).__name__)
    return name


def _should_include(item, export_scope: str | None, excluded: frozenset) -> bool:
    """TF's rule: items named outside `export_scope` (or in an extraneous saver) are left out."""
    name = item if isinstance(item, str) else getattr(item, "name", None)
    if not isinstance(name, str):
        return True
    if excluded and name.split(":")[0].lstrip("^") in excluded:
        return False
    return name.startswith(UNBOUND_INPUT_PREFIX) or not export_scope or name.startswith(export_scope)


def add_collection_def(meta_graph_def: MetaGraphDef, key, graph, export_scope: str | None = None,
                       excluded: frozenset = frozenset(), override=None) -> None:
    """Write collection `key` of `graph` into `meta_graph_def` (skipped with TF's warning if it can't be)."""
    if not isinstance(key, str):
        logging.warning("Only collections with string type keys will be serialized. This key has %s",
                        type(key))
        return
    items = override if override is not None else graph.get_collection(key)
    items = [x for x in items if _should_include(x, export_scope, excluded)]
    if not items:
        return
    col = CollectionDef()
    try:
        if key in _PROTO_KEYS:
            protos = [_item_to_proto(key, x, export_scope) for x in items]
            col.bytes_list = CollectionDef.BytesList(
                value=[p.SerializeToString() for p in protos if p is not None])
        else:
            kind = _kind_of(items[0])
            values = _plain_values(kind, items, export_scope)
            setattr(col, kind, getattr(CollectionDef, _LIST_CLASSES[kind])(value=values))
    except (TypeError, AttributeError, ValueError) as e:
        logging.warning(_SKIP_WARNING, key, e)
        return
    meta_graph_def.collection_def[key] = col


_LIST_CLASSES = {"node_list": "NodeList", "bytes_list": "BytesList", "int64_list": "Int64List",
                 "float_list": "FloatList", "any_list": "AnyList"}


# ------------------------------------------------------------------------------------------------
# Export
# ------------------------------------------------------------------------------------------------
_SAVE_RESTORE_OPS = frozenset(["SaveV2", "Save", "SaveSlice", "LegacySave", "LegacySaveSlice", "RestoreV2",
                               "Restore", "RestoreSlice", "LegacyRestore", "LegacyRestoreSlice"])


def _scope_of(name: str) -> str:
    return name.rsplit("/", 1)[0] if "/" in name else ""


def _extraneous_saver_nodes(graph_def: GraphDef, saver_def: SaverDef | None) -> frozenset:
    """Nodes under the name scopes of save/restore ops other than `saver_def`'s (TF's rule)."""
    keep = set()
    if saver_def is not None:
        keep.add(_scope_of(saver_def.save_tensor_name.split(":")[0]) + "/")
        keep.add(_scope_of(saver_def.restore_op_name.split(":")[0]) + "/")
    saver_nodes = {n.name for n in graph_def.node if n.op in _SAVE_RESTORE_OPS}
    scopes = {_scope_of(n) for n in saver_nodes} - saver_nodes
    drop = {s + "/" for s in scopes} - keep
    return frozenset(n.name for n in graph_def.node if any(n.name.startswith(s) for s in drop))


def _scoped_node(node, export_scope: str | None, unbound: list, clear_devices: bool):
    """A copy of NodeDef `node` with `export_scope` stripped; inputs from outside it become unbound."""
    out = type(node).FromString(node.SerializeToString())
    inputs = []
    for name in node.input:
        if export_scope and not name.lstrip("^").startswith(export_scope):
            caret = "^" if name.startswith("^") else ""
            bare = UNBOUND_INPUT_PREFIX + name.lstrip("^")
            inputs.append(caret + bare)
            if bare not in unbound:
                unbound.append(bare)
        else:
            inputs.append(strip_name_scope(name, export_scope))
    out.input = inputs
    out.name = strip_name_scope(node.name, export_scope)
    if "_class" in node.attr and export_scope:
        groups = [s for s in node.attr["_class"].list.s
                  if s.decode("utf-8").split("@", 1)[-1].startswith(export_scope)]
        out.attr["_class"] = AttrValue(list=AttrValue.ListValue(
            s=[strip_name_scope(s.decode("utf-8"), export_scope).encode("utf-8") for s in groups]))
    if clear_devices:
        out.device = ""
    return out


def graph_def_for_export(graph) -> GraphDef:
    """The GraphDef TF's export writes: `_output_shapes` on every node with outputs, and every attr
    of TF's op def (defaults included, as TF's NodeDefs carry them)."""
    from .op_defaults import add_default_attrs

    graph_def = graph.as_graph_def(add_shapes=True)
    for node in graph_def.node:
        shapes = node.attr.get("_output_shapes")
        if shapes is not None and not shapes.list.shape:
            del node.attr["_output_shapes"]      # TF adds the attr only to ops with outputs
    return add_default_attrs(graph_def)


def _export_graph_def(graph, graph_def, saver_def, export_scope, clear_devices, clear_savers):
    """(GraphDef to write, nodes left out, unbound input names)."""
    if graph_def is None:
        graph_def = graph_def_for_export(graph)
    elif not isinstance(graph_def, GraphDef):
        raise TypeError("graph_def must be of type GraphDef, got %s" % type(graph_def).__name__)
    else:
        graph_def = GraphDef.FromString(graph_def.SerializeToString())   # the caller's stays as it is
    excluded = _extraneous_saver_nodes(graph_def, saver_def) if clear_savers else frozenset()
    if not (export_scope or clear_devices or clear_savers):
        return graph_def, excluded, []
    out = GraphDef(versions=graph_def.versions)
    unbound: list = []
    for node in graph_def.node:
        if node.name not in excluded and (not export_scope or node.name.startswith(export_scope)):
            out.node.append(_scoped_node(node, export_scope, unbound, clear_devices))
    return out, excluded, unbound


def _meta_info(meta_info_def, strip_default_attrs: bool):
    if meta_info_def is None:
        meta_info_def = MetaGraphDef.MetaInfoDef()
    elif not isinstance(meta_info_def, MetaGraphDef.MetaInfoDef):
        raise TypeError("meta_info_def must be of type MetaInfoDef, got %s" % type(meta_info_def).__name__)
    else:
        meta_info_def = MetaGraphDef.MetaInfoDef.FromString(meta_info_def.SerializeToString())
    from .. import GIT_VERSION, VERSION

    meta_info_def.tensorflow_version = VERSION
    meta_info_def.tensorflow_git_version = GIT_VERSION
    if strip_default_attrs:
        meta_info_def.stripped_default_attrs = True
    return meta_info_def


_EXPORT_KWARGS = frozenset(["unbound_inputs_col_name"])


def export_meta_graph(filename=None, meta_info_def=None, graph_def=None, saver_def=None,
                      collection_list=None, as_text: bool = False, graph=None, export_scope=None,
                      clear_devices: bool = False, clear_extraneous_savers: bool = False,
                      strip_default_attrs: bool = False, save_debug_info: bool = False,
                      **kwargs) -> MetaGraphDef:
    """`tf.train.export_meta_graph`: the graph, SaverDef and collections as a MetaGraphDef (written
    atomically to `filename` when given, binary or `as_text`)."""
    for name in kwargs:
        if name not in _EXPORT_KWARGS:
            raise TypeError("export_meta_graph() got an unexpected keyword argument '%s'" % name)
    from .graph import get_default_graph

    graph = graph or get_default_graph()
    if saver_def is not None and not isinstance(saver_def, SaverDef):
        raise TypeError("saver_def must be of type SaverDef, got %s" % type(saver_def).__name__)
    gdef, excluded, unbound = _export_graph_def(graph, graph_def, saver_def, export_scope, clear_devices,
                                                clear_extraneous_savers)
    if strip_default_attrs:
        from .op_defaults import strip_default_attrs as strip

        strip(gdef)
    meta = MetaGraphDef(meta_info_def=_meta_info(meta_info_def, strip_default_attrs), graph_def=gdef)
    if saver_def is not None:
        meta.saver_def = SaverDef.FromString(saver_def.SerializeToString())
    keys = graph.get_all_collection_keys() if collection_list is None else collection_list
    _add_collections(meta, graph, keys, export_scope, excluded,
                     saver_def if clear_extraneous_savers else None)
    col_name = kwargs.get("unbound_inputs_col_name", "unbound_inputs")
    if unbound and col_name:
        meta.collection_def[col_name] = CollectionDef(bytes_list=CollectionDef.BytesList(
            value=[u.encode("utf-8") for u in unbound]))
    if filename:
        write_meta_graph_file(meta, filename, as_text)
        if save_debug_info:
            logging.warning_once("save_debug_info=True: varflow records no op creation stack traces, so no "
                                 ".debug file is written next to the MetaGraphDef.")
    return meta


def _add_collections(meta: MetaGraphDef, graph, keys, export_scope, excluded, kept_saver_def) -> None:
    """Write collections `keys`; with clear_extraneous_savers, `savers` holds only the kept SaverDef."""
    for key in keys:
        override = None
        if kept_saver_def is not None and key == GraphKeys.SAVERS:
            override = [_SaverDefItem(kept_saver_def)]
        add_collection_def(meta, key, graph, export_scope, excluded, override)


class _SaverDefItem:
    """A savers-collection item standing for the one SaverDef clear_extraneous_savers keeps."""

    def __init__(self, saver_def: SaverDef):
        self.saver_def = saver_def

    def to_proto(self, export_scope=None) -> SaverDef | None:
        """The kept SaverDef, its names without `export_scope/`."""
        from ..train.saver import saver_def_to_proto

        return saver_def_to_proto(self.saver_def, export_scope)


def write_meta_graph_file(meta_graph_def: MetaGraphDef, filename: str, as_text: bool = False) -> str:
    """Write `meta_graph_def` to `filename` atomically (creating its directory, as TF's write_graph)."""
    from ..checkpoint.fileio import atomic_write_bytes

    filename = os.fspath(filename)
    directory = os.path.dirname(filename)
    if directory and "://" not in directory:
        os.makedirs(directory, exist_ok=True)
    data = str(meta_graph_def).encode("utf-8") if as_text else meta_graph_def.SerializeToString()
    atomic_write_bytes(filename, data)
    return filename


# ------------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------------
def read_meta_graph_file(filename) -> MetaGraphDef:
    """Read a binary `.meta` file, or a text-format one (TF's `read_meta_graph_file`)."""
    filename = os.fspath(filename)
    if not os.path.exists(filename):
        raise IOError("File does not exist. Received: %s.%s" % (filename, _meta_files_hint(filename)))
    with open(filename, "rb") as f:
        data = f.read()
    binary = _parse_binary(data)
    if binary is not None:
        return binary
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise UnicodeDecodeError(e.encoding, e.object, e.start, e.end,
                                 "%s; %s is neither a binary nor a text-format MetaGraphDef (write one "
                                 "with tf.train.export_meta_graph or Saver.save)" % (e.reason, filename)) from None
    from .text_format import ParseError, merge

    try:
        return merge(text, MetaGraphDef())
    except ParseError as e:
        raise IOError("Cannot parse file %s: %s. It is neither a binary MetaGraphDef nor a text-format one."
                      % (filename, e)) from None


def _parse_binary(data: bytes) -> MetaGraphDef | None:
    """The MetaGraphDef in `data`, or None when it is not a (non-empty) binary one."""
    try:
        meta = MetaGraphDef.FromString(data)
    except Exception:  # noqa: BLE001 - any decoding failure means "try text format"
        return None
    if data and not meta.ListFields():
        return None
    return meta


def _meta_files_hint(filename: str) -> str:
    directory = os.path.dirname(os.path.abspath(filename))
    try:
        found = sorted(n for n in os.listdir(directory) if n.endswith(".meta"))
    except OSError:
        return " Its directory %s does not exist." % directory
    if not found:
        return (" No .meta files are in %s: Saver.save(sess, prefix) writes <prefix>.meta (unless "
                "write_meta_graph=False)." % directory)
    return " .meta files in %s: %s." % (directory, ", ".join(found[:10]))


# ------------------------------------------------------------------------------------------------
# Import
# ------------------------------------------------------------------------------------------------
_IMPORT_KWARGS = frozenset(["input_map", "unbound_inputs_col_name", "restore_collections_predicate",
                            "return_elements"])


def _as_meta_graph_def(meta_graph_or_file) -> MetaGraphDef:
    if isinstance(meta_graph_or_file, MetaGraphDef):
        return meta_graph_or_file
    if hasattr(meta_graph_or_file, "SerializeToString") and hasattr(meta_graph_or_file, "collection_def"):
        return MetaGraphDef.FromString(meta_graph_or_file.SerializeToString())  # TF's own message
    return read_meta_graph_file(meta_graph_or_file)


def _check_unbound_inputs(meta: MetaGraphDef, col_name, input_map) -> None:
    col = meta.collection_def.get(col_name) if col_name else None
    if col is None or col.WhichOneof("kind") is None:
        return
    values = [v.decode("utf-8") if isinstance(v, bytes) else v for v in getattr(col, col.WhichOneof("kind")).value]
    missing = [v for v in values if not input_map or v not in input_map]
    if values and missing:
        raise ValueError("Graph contains unbound inputs: %s. Must provide these inputs through input_map."
                         % ",".join(missing))


def import_meta_graph(meta_graph_or_file, clear_devices: bool = False, import_scope=None, **kwargs) -> object:
    """`tf.train.import_meta_graph`: import a MetaGraphDef's graph and collections into the default
    graph; returns a Saver for its SaverDef (None when it has no SaverDef and no variables)."""
    for name in kwargs:
        if name not in _IMPORT_KWARGS:
            raise TypeError("import_meta_graph() got an unexpected keyword argument '%s'" % name)
    from .graph import get_default_graph

    meta = _as_meta_graph_def(meta_graph_or_file)
    graph = get_default_graph()
    input_map = kwargs.get("input_map")
    _check_unbound_inputs(meta, kwargs.get("unbound_inputs_col_name", "unbound_inputs"), input_map)
    scope = graph.unique_name(import_scope or "", mark_as_used=False)
    _import_graph(graph, meta, clear_devices, import_scope or scope, input_map, kwargs.get("return_elements"))
    restore_collections(graph, meta, scope, kwargs.get("unbound_inputs_col_name", "unbound_inputs"),
                        kwargs.get("restore_collections_predicate"))
    return _saver_for(graph, meta, scope, import_scope)


def _import_graph(graph, meta: MetaGraphDef, clear_devices: bool, name: str, input_map, return_elements) -> None:
    graph_def = meta.graph_def
    if clear_devices or meta.meta_info_def.stripped_default_attrs:
        graph_def = GraphDef.FromString(graph_def.SerializeToString())
        if clear_devices:
            for node in graph_def.node:
                node.device = ""
        if meta.meta_info_def.stripped_default_attrs:
            from .op_defaults import add_default_attrs

            add_default_attrs(graph_def)
    from .importer import import_graph_def

    with graph.as_default():
        import_graph_def(graph_def, input_map=input_map, return_elements=return_elements, name=name)


def restore_collections(graph, meta: MetaGraphDef, scope: str, unbound_col=None, predicate=None) -> None:
    """Add the MetaGraphDef's collections (sorted by key, as TF) to `graph`, names under `scope`."""
    shared: dict = {}
    contexts: list = []
    for key in sorted(meta.collection_def):
        if key == unbound_col or (predicate is not None and not predicate(key)):
            continue
        col = meta.collection_def[key]
        kind = col.WhichOneof("kind")
        if kind is None:
            logging.error("Cannot identify data type for collection %s. Skipping.", key)
            continue
        for item in _collection_items(graph, key, kind, getattr(col, kind).value, scope, shared, contexts):
            graph.add_to_collection(key, item)
    if contexts:
        link_cond_merges(graph, contexts)


def _collection_items(graph, key, kind, values, scope, shared, contexts) -> list:
    if key in _PROTO_KEYS and kind == "bytes_list":
        return _proto_items(graph, key, values, scope, shared, contexts)
    if kind == "node_list":
        return [graph.as_graph_element(prepend_name_scope(v, scope)) for v in values]
    if kind == "int64_list":
        return [int(v) for v in values]
    if kind == "bytes_list":
        return [prepend_name_scope(v, scope) if scope else v for v in values]
    return list(values)


def _proto_items(graph, key, values, scope, shared, contexts) -> list:
    """Rebuild Variables, Savers and cond contexts from their serialized protos."""
    if key in _VARIABLE_KEYS:
        from ..variables.variables import Variable

        out = []
        for value in values:
            var = shared.get(value) if key in _SHARED_VARIABLE_KEYS else None
            if var is None:
                with graph.as_default():
                    var = Variable.from_proto(VariableDef.FromString(value), import_scope=scope)
                if key in _SHARED_VARIABLE_KEYS:
                    shared[value] = var
            out.append(var)
        return out
    if key == GraphKeys.SAVERS:
        from ..train.saver import Saver

        with graph.as_default():
            return [Saver.from_proto(SaverDef.FromString(v), import_scope=scope) for v in values]
    if key == GraphKeys.COND_CONTEXT:
        return [cond_context_from_proto(CondContextDef.FromString(v), scope, graph, contexts) for v in values]
    logging.warning("Collection %s of the MetaGraphDef holds %d %s entries, which varflow cannot rebuild "
                    "(it has no TF while loops or queue runners); the collection is left out.",
                    key, len(values), "WhileContextDef" if key == GraphKeys.WHILE_CONTEXT else "QueueRunnerDef")
    return []


def _saver_for(graph, meta: MetaGraphDef, scope: str, import_scope):
    """TF's rule: a Saver over the imported SaverDef; else a default Saver if there are variables."""
    from ..train.saver import Saver

    with graph.as_default():
        if meta.HasField("saver_def"):
            return Saver(saver_def=SaverDef.FromString(meta.saver_def.SerializeToString()), name=scope or None)
        if graph.get_collection(GraphKeys.GLOBAL_VARIABLES, import_scope) or \
                graph.get_collection(GraphKeys.SAVEABLE_OBJECTS, import_scope):
            return Saver()
    logging.info("Saver not created because there are no variables in the graph to restore")
    return None
