"""`tf.nn.rnn_cell`: TF1's recurrent cells (BasicRNN, BasicLSTM, LSTM, GRU, Multi, wrappers).

Cells are `tf.layers.Layer`s, so their variables live in the cell's captured scope with TF's
names (`rnn/basic_lstm_cell/kernel`, `rnn/multi_rnn_cell/cell_0/gru_cell/gates/bias`) and a cell
called again reuses them. Each cell builds TF's ops in TF's order (MatMul, BiasAdd, Split, ...)
so op names and numbers match TF's.
"""
from __future__ import annotations

import collections
import hashlib

from ..framework import dtypes
from ..framework.graph import Tensor, convert_to_tensor, get_default_graph, name_scope
from ..framework.graph_keys import GraphKeys
from ..framework.graph import device as _on_device
from ..framework.tensor_shape import TensorShape
from ..layers.base import InputSpec, Layer
from ..variables import init_ops
from ..variables.partitioned import fixed_size_partitioner
from ..variables import variable_scope as vs
from . import array_ops, clip_ops, constant_op, math_ops, nn_ops

__all__ = ["RNNCell", "LayerRNNCell", "BasicRNNCell", "BasicLSTMCell", "LSTMCell", "GRUCell",
           "MultiRNNCell", "DropoutWrapper", "ResidualWrapper", "DeviceWrapper",
           "LSTMStateTuple", "assert_like_rnncell"]


# ------------------------------------------------------------------------------------------------
# nested structures (TF's nest: lists and tuples, namedtuples included, are sequences)
# ------------------------------------------------------------------------------------------------
def is_sequence(x) -> bool:
    return isinstance(x, (list, tuple))


def flatten(structure) -> list:
    """The leaves of `structure`, depth first."""
    if is_sequence(structure):
        return [leaf for s in structure for leaf in flatten(s)]
    return [structure]


def pack_sequence_as(structure, flat: list):
    """`structure` with its leaves replaced, in order, by `flat`."""
    it = iter(flat)

    def build(s):
        if is_sequence(s):
            items = [build(x) for x in s]
            if hasattr(s, "_fields"):
                return type(s)(*items)
            return type(s)(items)
        return next(it)
    return build(structure)


def assert_same_structure(a, b) -> None:
    """ValueError where `a` and `b` nest differently (TF checks the cell's state this way)."""
    def check(x, y):
        if is_sequence(x) != is_sequence(y) or (is_sequence(x) and len(x) != len(y)):
            raise ValueError("The two structures don't have the same nested structure.\n\n"
                             "First structure: %s\n\nSecond structure: %s" % (a, b))
        if is_sequence(x):
            for u, v in zip(x, y):
                check(u, v)
    check(a, b)


def map_structure(fn, *structures):
    for s in structures[1:]:
        assert_same_structure(structures[0], s)
    flats = [flatten(s) for s in structures]
    return pack_sequence_as(structures[0], [fn(*xs) for xs in zip(*flats)])


# ------------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------------
class LSTMStateTuple(collections.namedtuple("LSTMStateTuple", ("c", "h"))):
    """The (c, h) state of an LSTM cell: `c` the memory, `h` the output."""

    __slots__ = ()

    @property
    def dtype(self):
        c, h = self
        if c.dtype != h.dtype:
            raise TypeError("Inconsistent internal state: %s vs %s" % (str(c.dtype), str(h.dtype)))
        return c.dtype


def assert_like_rnncell(cell_name: str, cell) -> None:
    """TypeError naming what `cell` lacks to be used as an RNN cell."""
    checks = [(hasattr(cell, "output_size"), "'output_size' property is missing"),
              (hasattr(cell, "state_size"), "'state_size' property is missing"),
              (hasattr(cell, "get_initial_state") or hasattr(cell, "zero_state"),
               "either 'zero_state' or 'get_initial_state' method is required"),
              (callable(cell), "is not callable")]
    missing = [msg for ok, msg in checks if not ok]
    if missing:
        raise TypeError("The argument %r (%s) is not an RNNCell: %s."
                        % (cell_name, cell, ", ".join(missing)))


def _dim_value(d):
    return getattr(d, "value", d)


def _concat(prefix, suffix, static: bool = False):
    """[prefix..., suffix...] as a shape: a TensorShape when `static`, else an int32 vector."""
    if isinstance(prefix, Tensor):
        p_static = TensorShape([_static_int(prefix)])
        p = array_ops.reshape(prefix, [1]) if prefix.shape.ndims == 0 else prefix
    else:
        p_static = TensorShape(prefix if isinstance(prefix, (list, TensorShape)) else [prefix])
        p = constant_op.constant(p_static.as_list(), dtype=dtypes.int32) \
            if p_static.is_fully_defined() else None
    s_static = TensorShape(suffix if isinstance(suffix, (list, TensorShape)) else [suffix])
    if static:
        return p_static.concatenate(s_static)
    if p is None or not s_static.is_fully_defined():
        raise ValueError("Provided a prefix or suffix of None: %s and %s" % (prefix, suffix))
    s = constant_op.constant(s_static.as_list(), dtype=dtypes.int32)
    return array_ops.concat([p, s], 0)


def _static_int(t: Tensor):
    from .op_util import const_value

    try:
        v = const_value(t)
    except Exception:  # noqa: BLE001 - a tensor without a static value
        return None
    return None if v is None else int(v)


def _zero_state_tensors(state_size, batch_size, dtype):
    """Zeros of shape [batch_size, s] for each s in the (nested) `state_size`."""
    def one(s):
        z = array_ops.zeros(_concat(batch_size, s), dtype=dtype)
        z.set_shape(_concat(batch_size, s, static=True))
        return z
    return map_structure(one, state_size)


def _check_supported_dtypes(dtype) -> None:
    if dtype is None:
        return
    dtype = dtypes.as_dtype(dtype)
    if not (dtype.is_floating or dtype.is_complex):
        raise ValueError("RNN cell only supports floating point inputs, but saw dtype: "
                         "<dtype: '%s'>" % dtype.name)


def _activation(activation):
    if activation is None:
        return math_ops.tanh
    if isinstance(activation, str):
        from ..keras import activations

        return activations.get(activation)
    return activation


def _input_depth(inputs_shape) -> int:
    shape = TensorShape(inputs_shape)
    if shape.ndims is None or _dim_value(shape.dims[-1]) is None:
        raise ValueError("Expected inputs.shape[-1] to be known, saw shape: %s" % str(shape))
    return int(_dim_value(shape.dims[-1]))


# ------------------------------------------------------------------------------------------------
# the base cells
# ------------------------------------------------------------------------------------------------
class RNNCell(Layer):
    """An RNN cell: `output, new_state = cell(inputs, state)`; subclasses define `state_size`,
    `output_size` and `call`."""

    def __init__(self, trainable: bool = True, name=None, dtype=None, **kwargs):
        super().__init__(trainable=trainable, name=name, dtype=dtype, **kwargs)
        self._is_tf_rnn_cell = True

    def __call__(self, inputs, state, scope=None):
        """Run the cell on `inputs` and `state`; with `scope`, its variables live right there.
        Variables made with `tf.get_variable` inside `call` count among the cell's weights."""
        graph = get_default_graph()
        before = {id(v) for v in graph.get_collection(GraphKeys.GLOBAL_VARIABLES)}
        if scope is not None:
            with vs.variable_scope(scope) as captured:
                result = super().__call__(inputs, state, scope=captured)
        else:
            result = super().__call__(inputs, state)
        self._track_new_variables(graph, before)
        return result

    def _track_new_variables(self, graph, before: set) -> None:
        """Count variables created during the call (by `add_weight` or `tf.get_variable`)."""
        trainable = {id(v) for v in graph.get_collection(GraphKeys.TRAINABLE_VARIABLES)}
        known = {id(v) for v in self._trainable_weights + self._non_trainable_weights}
        for v in graph.get_collection(GraphKeys.GLOBAL_VARIABLES):
            if id(v) in before or id(v) in known:
                continue
            (self._trainable_weights if id(v) in trainable
             else self._non_trainable_weights).append(v)

    @property
    def state_size(self):
        raise TypeError("%s does not define `state_size`: an RNNCell subclass must give the size "
                        "(an int, TensorShape or nested tuple of them) of its state"
                        % type(self).__name__)

    @property
    def output_size(self):
        raise TypeError("%s does not define `output_size`: an RNNCell subclass must give the "
                        "size of its output" % type(self).__name__)

    def build(self, input_shape) -> None:
        self.built = True

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        """The zero state for `inputs` (its batch size and dtype) or for `batch_size`/`dtype`."""
        if inputs is not None:
            inputs = convert_to_tensor(inputs)
            if batch_size is not None:
                static = _dim_value(inputs.shape.dims[0]) if inputs.shape.ndims else None
                b = _static_int(batch_size) if isinstance(batch_size, Tensor) else batch_size
                if static is not None and b is not None and static != b:
                    raise ValueError("batch size from input tensor is different from the input "
                                     "param. Input tensor batch: {}, batch_size: {}"
                                     .format(static, b))
            if dtype is not None and inputs.dtype.base_dtype != dtypes.as_dtype(dtype):
                raise ValueError("dtype from input tensor is different from the input param. "
                                 "Input tensor dtype: {}, dtype: {}".format(inputs.dtype, dtype))
            static = _dim_value(inputs.shape.dims[0]) if inputs.shape.ndims else None
            batch_size = static if static is not None else array_ops.shape(inputs)[0]
            dtype = inputs.dtype.base_dtype
        if batch_size is None or dtype is None:
            raise ValueError("batch_size and dtype cannot be None while constructing initial "
                             "state: batch_size={}, dtype={}".format(batch_size, dtype))
        return self.zero_state(batch_size, dtype)

    def zero_state(self, batch_size, dtype):
        """Zero-filled state tensors of shape [batch_size, s] for each s in `state_size`."""
        with name_scope(type(self).__name__ + "ZeroState"):
            return _zero_state_tensors(self.state_size, batch_size, dtype)


class LayerRNNCell(RNNCell):
    """An RNN cell that creates its variables in `build` (as TF's own cells do)."""


def _concat_matmul_bias(inputs: Tensor, h: Tensor, kernel, bias) -> Tensor:
    """`[inputs, h] @ kernel + bias`: the affine map every cell applies (TF's op order)."""
    return nn_ops.bias_add(math_ops.matmul(array_ops.concat([inputs, h], 1), kernel), bias)


class _UnitsCell(LayerRNNCell):
    """What varflow's cells share: 2-D inputs, `num_units`, an activation (tanh by default), and
    `num_units`-wide outputs and states unless a cell says otherwise."""

    def __init__(self, num_units: int, activation=None, reuse=None, name=None, dtype=None,
                 **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self.input_spec = InputSpec(ndim=2)
        self._num_units = num_units
        self._activation = _activation(activation)

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units


class BasicRNNCell(_UnitsCell):
    """`output = new_state = activation(W [inputs, state] + b)`."""

    def __init__(self, num_units: int, activation=None, reuse=None, name=None, dtype=None,
                 **kwargs):
        super().__init__(num_units, activation, reuse, name, dtype, **kwargs)

    def build(self, inputs_shape) -> None:
        depth = _input_depth(inputs_shape)
        _check_supported_dtypes(self._dtype)
        self._kernel = self.add_weight("kernel", shape=[depth + self._num_units, self._num_units])
        self._bias = self.add_weight("bias", shape=[self._num_units],
                                     initializer=init_ops.zeros_initializer(dtype=self._dtype))
        self.built = True

    def call(self, inputs, state):
        output = self._activation(_concat_matmul_bias(inputs, state, self._kernel, self._bias))
        return output, output


class GRUCell(_UnitsCell):
    """Gated recurrent unit: reset/update gates (`gates/`, bias 1.0) and a candidate
    (`candidate/`); `new_h = u * h + (1 - u) * activation(W [x, r * h] + b)`."""

    def __init__(self, num_units: int, activation=None, reuse=None, kernel_initializer=None,
                 bias_initializer=None, name=None, dtype=None, **kwargs):
        super().__init__(num_units, activation, reuse, name, dtype, **kwargs)
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer

    def build(self, inputs_shape) -> None:
        depth = _input_depth(inputs_shape)
        _check_supported_dtypes(self._dtype)
        n = self._num_units
        self._gate_kernel = self.add_weight("gates/kernel", shape=[depth + n, 2 * n],
                                            initializer=self._kernel_initializer)
        self._gate_bias = self.add_weight(
            "gates/bias", shape=[2 * n],
            initializer=(self._bias_initializer if self._bias_initializer is not None
                         else init_ops.constant_initializer(1.0, dtype=self._dtype)))
        self._candidate_kernel = self.add_weight("candidate/kernel", shape=[depth + n, n],
                                                 initializer=self._kernel_initializer)
        self._candidate_bias = self.add_weight(
            "candidate/bias", shape=[n],
            initializer=(self._bias_initializer if self._bias_initializer is not None
                         else init_ops.zeros_initializer(dtype=self._dtype)))
        self.built = True

    def call(self, inputs, state):
        value = math_ops.sigmoid(_concat_matmul_bias(inputs, state, self._gate_kernel,
                                                     self._gate_bias))
        r, u = array_ops.split(value=value, num_or_size_splits=2, axis=1)
        r_state = r * state
        c = self._activation(_concat_matmul_bias(inputs, r_state, self._candidate_kernel,
                                                 self._candidate_bias))
        new_h = u * state + (1 - u) * c
        return new_h, new_h


class BasicLSTMCell(_UnitsCell):
    """LSTM without peepholes or projection: gates i, j, f, o from one kernel, `forget_bias`
    added to f; state `LSTMStateTuple(c, h)` (or [c, h] concatenated)."""

    def __init__(self, num_units: int, forget_bias: float = 1.0, state_is_tuple: bool = True,
                 activation=None, reuse=None, name=None, dtype=None, **kwargs):
        super().__init__(num_units, activation, reuse, name, dtype, **kwargs)
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple

    @property
    def state_size(self):
        n = self._num_units
        return LSTMStateTuple(n, n) if self._state_is_tuple else 2 * n

    def build(self, inputs_shape) -> None:
        depth = _input_depth(inputs_shape)
        _check_supported_dtypes(self._dtype)
        n = self._num_units
        self._kernel = self.add_weight("kernel", shape=[depth + n, 4 * n])
        self._bias = self.add_weight("bias", shape=[4 * n],
                                     initializer=init_ops.zeros_initializer(dtype=self._dtype))
        self.built = True

    def call(self, inputs, state):
        one = constant_op.constant(1, dtype=dtypes.int32)
        if self._state_is_tuple:
            c, h = state
        else:
            c, h = array_ops.split(value=state, num_or_size_splits=2, axis=one)
        gate_inputs = _concat_matmul_bias(inputs, h, self._kernel, self._bias)
        i, j, f, o = array_ops.split(value=gate_inputs, num_or_size_splits=4, axis=one)
        forget_bias = constant_op.constant(self._forget_bias, dtype=f.dtype)
        sigmoid, add, mul = math_ops.sigmoid, math_ops.add, math_ops.multiply
        new_c = add(mul(c, sigmoid(add(f, forget_bias))), mul(sigmoid(i), self._activation(j)))
        new_h = mul(self._activation(new_c), sigmoid(o))
        if self._state_is_tuple:
            new_state = LSTMStateTuple(new_c, new_h)
        else:
            new_state = array_ops.concat([new_c, new_h], 1)
        return new_h, new_state


class LSTMCell(_UnitsCell):
    """LSTM with optional peepholes (`w_f_diag`, `w_i_diag`, `w_o_diag`), cell clipping and an
    output projection (`projection/kernel`, with optional clipping)."""

    def __init__(self, num_units: int, use_peepholes: bool = False, cell_clip=None,
                 initializer=None, num_proj=None, proj_clip=None, num_unit_shards=None,
                 num_proj_shards=None, forget_bias: float = 1.0, state_is_tuple: bool = True,
                 activation=None, reuse=None, name=None, dtype=None, **kwargs):
        super().__init__(num_units, activation, reuse, name, dtype, **kwargs)
        self._use_peepholes = use_peepholes
        self._cell_clip = cell_clip
        self._initializer = initializer
        self._num_proj = num_proj
        self._proj_clip = proj_clip
        self._num_unit_shards = num_unit_shards
        self._num_proj_shards = num_proj_shards
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        out = num_proj if num_proj else num_units
        self._state_size = (LSTMStateTuple(num_units, out) if state_is_tuple
                            else num_units + out)
        self._output_size = out

    @property
    def state_size(self):
        return self._state_size

    @property
    def output_size(self):
        return self._output_size

    def build(self, inputs_shape) -> None:
        depth = _input_depth(inputs_shape)
        _check_supported_dtypes(self._dtype)
        n = self._num_units
        h_depth = self._num_proj if self._num_proj is not None else n
        unit_part = (fixed_size_partitioner(self._num_unit_shards)
                     if self._num_unit_shards is not None else None)
        self._kernel = self.add_weight("kernel", shape=[depth + h_depth, 4 * n],
                                       initializer=self._initializer, partitioner=unit_part)
        zeros = init_ops.zeros_initializer(dtype=self._dtype)
        self._bias = self.add_weight("bias", shape=[4 * n], initializer=zeros)
        if self._use_peepholes:
            self._w_f_diag = self.add_weight("w_f_diag", shape=[n], initializer=self._initializer)
            self._w_i_diag = self.add_weight("w_i_diag", shape=[n], initializer=self._initializer)
            self._w_o_diag = self.add_weight("w_o_diag", shape=[n], initializer=self._initializer)
        if self._num_proj is not None:
            proj_part = (fixed_size_partitioner(self._num_proj_shards)
                         if self._num_proj_shards is not None else None)
            self._proj_kernel = self.add_weight("projection/kernel", shape=[n, self._num_proj],
                                                initializer=self._initializer,
                                                partitioner=proj_part)
        self.built = True

    def call(self, inputs, state):
        n = self._num_units
        num_proj = n if self._num_proj is None else self._num_proj
        sigmoid = math_ops.sigmoid
        if self._state_is_tuple:
            c_prev, m_prev = state
        else:
            c_prev = array_ops.slice(state, [0, 0], [-1, n])
            m_prev = array_ops.slice(state, [0, n], [-1, num_proj])
        if _dim_value(inputs.shape.with_rank(2).dims[1]) is None:
            raise ValueError("Could not infer input size from inputs.get_shape()[-1]")
        lstm_matrix = _concat_matmul_bias(inputs, m_prev, self._kernel, self._bias)
        i, j, f, o = array_ops.split(value=lstm_matrix, num_or_size_splits=4, axis=1)
        if self._use_peepholes:
            c = (sigmoid(f + self._forget_bias + self._w_f_diag * c_prev) * c_prev
                 + sigmoid(i + self._w_i_diag * c_prev) * self._activation(j))
        else:
            c = sigmoid(f + self._forget_bias) * c_prev + sigmoid(i) * self._activation(j)
        if self._cell_clip is not None:
            c = clip_ops.clip_by_value(c, -self._cell_clip, self._cell_clip)
        if self._use_peepholes:
            m = sigmoid(o + self._w_o_diag * c) * self._activation(c)
        else:
            m = sigmoid(o) * self._activation(c)
        if self._num_proj is not None:
            m = math_ops.matmul(m, self._proj_kernel)
            if self._proj_clip is not None:
                m = clip_ops.clip_by_value(m, -self._proj_clip, self._proj_clip)
        new_state = LSTMStateTuple(c, m) if self._state_is_tuple else array_ops.concat([c, m], 1)
        return m, new_state


class MultiRNNCell(RNNCell):
    """Cells stacked in layers (`cell_0`, `cell_1`, ...): each one's output feeds the next."""

    def __init__(self, cells, state_is_tuple: bool = True):
        super().__init__()
        if not cells:
            raise ValueError("Must specify at least one cell for MultiRNNCell.")
        if not is_sequence(cells):
            raise TypeError("cells must be a list or tuple, but saw: %s." % (cells,))
        self._cells = list(cells)
        self._state_is_tuple = state_is_tuple
        if not state_is_tuple and any(is_sequence(c.state_size) for c in self._cells):
            raise ValueError("Some cells return tuples of states, but the flag state_is_tuple is "
                             "not set.  State sizes are: %s"
                             % str([c.state_size for c in self._cells]))

    @property
    def state_size(self):
        if self._state_is_tuple:
            return tuple(cell.state_size for cell in self._cells)
        return sum(cell.state_size for cell in self._cells)

    @property
    def output_size(self):
        return self._cells[-1].output_size

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState"):
            if self._state_is_tuple:
                return tuple(cell.zero_state(batch_size, dtype) for cell in self._cells)
            return super().zero_state(batch_size, dtype)

    @property
    def trainable_weights(self) -> list:
        if not self.trainable:
            return []
        return [w for cell in self._cells for w in cell.trainable_weights]

    @property
    def non_trainable_weights(self) -> list:
        out = [w for cell in self._cells for w in cell.non_trainable_weights]
        if not self.trainable:
            out = [w for cell in self._cells for w in cell.trainable_weights] + out
        return out

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    def call(self, inputs, state):
        cur_pos = 0
        cur_inp = inputs
        new_states = []
        for i, cell in enumerate(self._cells):
            with vs.variable_scope("cell_%d" % i):
                if self._state_is_tuple:
                    if not is_sequence(state):
                        raise ValueError("Expected state to be a tuple of length %d, but "
                                         "received: %s" % (len(self.state_size), state))
                    cur_state = state[i]
                else:
                    cur_state = array_ops.slice(state, [0, cur_pos], [-1, cell.state_size])
                    cur_pos += cell.state_size
                cur_inp, new_state = cell(cur_inp, cur_state)
                new_states.append(new_state)
        if self._state_is_tuple:
            return cur_inp, tuple(new_states)
        return cur_inp, array_ops.concat(new_states, 1)


# ------------------------------------------------------------------------------------------------
# wrappers: they run the wrapped cell in the caller's scope (no scope of their own)
# ------------------------------------------------------------------------------------------------
class _RNNCellWrapper(RNNCell):
    """A cell around `cell`; `state_size`/`output_size` are the wrapped cell's."""

    def __init__(self, cell, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        assert_like_rnncell("cell", cell)
        self.cell = cell

    def __call__(self, inputs, state, scope=None):
        return self._call_wrapped_cell(inputs, state, self.cell.__call__, scope=scope)

    def call(self, inputs, state):
        return self._call_wrapped_cell(inputs, state, self.cell.call)

    @property
    def state_size(self):
        return self.cell.state_size

    @property
    def output_size(self):
        return self.cell.output_size

    @property
    def trainable_weights(self) -> list:
        return list(self.cell.trainable_weights) if self.trainable else []

    @property
    def non_trainable_weights(self) -> list:
        if self.trainable:
            return list(self.cell.non_trainable_weights)
        return list(self.cell.trainable_weights) + list(self.cell.non_trainable_weights)

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState"):
            return self.cell.zero_state(batch_size, dtype)


def _keep_prob(prob, attr: str):
    """A Python float where `prob` is known when building, else the tensor (checked in [0, 1])."""
    from .op_util import const_value

    t = convert_to_tensor(prob)
    try:
        value = const_value(t)
    except Exception:  # noqa: BLE001 - not known at build time
        value = None
    if value is None:
        return t
    if value < 0 or value > 1:
        raise ValueError("Parameter %s must be between 0 and 1: %d" % (attr, value))
    return float(value)


def _default_dropout_state_filter(substate):
    """TF's default: drop out the h part of an LSTM state but never its memory c."""
    if isinstance(substate, LSTMStateTuple):
        return LSTMStateTuple(c=False, h=True)
    return True


class DropoutWrapper(_RNNCellWrapper):
    """Dropout on the cell's inputs, outputs and new state (each a keep probability; the c part
    of an LSTM state is kept by default). `variational_recurrent=True` is not supported."""

    def __init__(self, cell, input_keep_prob=1.0, output_keep_prob=1.0, state_keep_prob=1.0,
                 variational_recurrent: bool = False, input_size=None, dtype=None, seed=None,
                 dropout_state_filter_visitor=None, **kwargs):
        super().__init__(cell, dtype=dtype, **kwargs)
        if dropout_state_filter_visitor is not None and not callable(dropout_state_filter_visitor):
            raise TypeError("dropout_state_filter_visitor must be callable")
        self._dropout_state_filter = (dropout_state_filter_visitor
                                      or _default_dropout_state_filter)
        with name_scope("DropoutWrapperInit"):
            self._input_keep_prob = _keep_prob(input_keep_prob, "input_keep_prob")
            self._state_keep_prob = _keep_prob(state_keep_prob, "state_keep_prob")
            self._output_keep_prob = _keep_prob(output_keep_prob, "output_keep_prob")
        if variational_recurrent:
            raise ValueError("DropoutWrapper(variational_recurrent=True) is not supported by "
                             "varflow: use variational_recurrent=False (a new dropout mask each "
                             "time step)")
        self._seed = seed

    @property
    def wrapped_cell(self):
        return self.cell

    def _gen_seed(self, salt_prefix: str, index: int):
        if self._seed is None:
            return None
        salt = "%s_%d" % (salt_prefix, index)
        digest = hashlib.md5((str(self._seed) + salt).encode("utf-8")).hexdigest()
        return int(digest[:8], 16) & 0x7FFFFFFF

    def _dropout(self, values, salt_prefix: str, keep_prob, filters=None):
        flat = flatten(values)
        keep = [True] * len(flat) if filters is None else _flat_filters(filters, values)
        out = []
        for i, (v, do) in enumerate(zip(flat, keep)):
            out.append(nn_ops.dropout(v, keep_prob=keep_prob, seed=self._gen_seed(salt_prefix, i))
                       if do else v)
        return pack_sequence_as(values, out)

    def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
        def should(p):
            return (not isinstance(p, float)) or p < 1
        if should(self._input_keep_prob):
            inputs = self._dropout(inputs, "input", self._input_keep_prob)
        output, new_state = cell_call_fn(inputs, state, **kwargs)
        if should(self._state_keep_prob):
            filters = _filter_structure(self._dropout_state_filter, new_state)
            new_state = self._dropout(new_state, "state", self._state_keep_prob, filters)
        if should(self._output_keep_prob):
            output = self._dropout(output, "output", self._output_keep_prob)
        return output, new_state


def _filter_structure(visitor, structure):
    """Apply the state-filter `visitor` from the top: where it returns a bool that decides the
    whole substructure, where it returns a structure of bools those decide its parts."""
    decision = visitor(structure)
    if isinstance(decision, bool):
        return decision
    if is_sequence(decision) and all(isinstance(d, bool) for d in flatten(decision)):
        return decision
    if is_sequence(structure):
        return type(structure)(_filter_structure(visitor, s) for s in structure) \
            if not hasattr(structure, "_fields") else \
            type(structure)(*[_filter_structure(visitor, s) for s in structure])
    return True


def _flat_filters(filters, values) -> list:
    """One bool per leaf of `values` from a (shallower) structure of bools."""
    if isinstance(filters, bool):
        return [filters] * len(flatten(values))
    out = []
    for f, v in zip(filters, values):
        out.extend(_flat_filters(f, v))
    return out


class ResidualWrapper(_RNNCellWrapper):
    """`output = inputs + cell_output` (or `residual_fn(inputs, cell_output)`)."""

    def __init__(self, cell, residual_fn=None, **kwargs):
        super().__init__(cell, **kwargs)
        self._residual_fn = residual_fn

    def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
        outputs, new_state = cell_call_fn(inputs, state, **kwargs)

        def default_residual_fn(inputs, outputs):
            assert_same_structure(inputs, outputs)

            def check(inp, out):
                inp.shape.assert_is_compatible_with(out.shape)
            map_structure(check, inputs, outputs)
            return map_structure(lambda inp, out: inp + out, inputs, outputs)
        res = (self._residual_fn or default_residual_fn)(inputs, outputs)
        return res, new_state


class DeviceWrapper(_RNNCellWrapper):
    """Run the wrapped cell (and build its zero state) on `device`."""

    def __init__(self, cell, device, **kwargs):
        super().__init__(cell, **kwargs)
        self._device = device

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState"):
            with _on_device(self._device):
                return self.cell.zero_state(batch_size, dtype)

    def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
        with _on_device(self._device):
            return cell_call_fn(inputs, state, **kwargs)

