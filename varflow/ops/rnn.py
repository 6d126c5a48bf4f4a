"""`tf.nn.static_rnn`, `dynamic_rnn` and their bidirectional forms, as TF1 builds them.

`static_rnn` unrolls the cell once per input (TF's ops and names); `dynamic_rnn` runs the cell in
one `tf.while_loop` and collects each step's output in a loop variable that grows along time
(varflow's while loop records every iteration's values for the gradient, so no TensorArray is
needed). With `sequence_length`, outputs past each row's length are zero and its state is
carried through unchanged, as in TF.
"""
from __future__ import annotations

from ..framework import dtypes
from ..framework.graph import Tensor, control_dependencies, convert_to_tensor
from ..framework.tensor_shape import TensorShape, unknown_shape
from ..variables import variable_scope as vs
from . import array_ops, constant_op, control_flow_ops, functional_ops, logging_ops, math_ops
from .rnn_cell_impl import (assert_like_rnncell, assert_same_structure, flatten, is_sequence,
                            map_structure, pack_sequence_as)

__all__ = ["static_rnn", "dynamic_rnn", "bidirectional_dynamic_rnn", "static_bidirectional_rnn",
           "static_state_saving_rnn"]


def _dim(d):
    return getattr(d, "value", d)


def _infer_state_dtype(explicit_dtype, state):
    """The dtype of the outputs: the given one, else the state's (all parts must agree)."""
    if explicit_dtype is not None:
        return dtypes.as_dtype(explicit_dtype)
    flat = flatten(state)
    if not flat:
        raise ValueError("Unable to infer dtype from empty state.")
    kinds = set(s.dtype.base_dtype for s in flat)
    if len(kinds) > 1:
        raise ValueError("State has tensors of different inferred_dtypes. Unable to infer a "
                         "single representative dtype. Dtypes received: %s" % sorted(
                             k.name for k in kinds))
    return flat[0].dtype.base_dtype


def _zeros(batch_size, size, dtype) -> Tensor:
    """Zeros of shape [batch_size] + size (size an int or a shape), with that static shape."""
    size = TensorShape(size if isinstance(size, (list, tuple, TensorShape)) else [size])
    z = array_ops.zeros(array_ops.stack([batch_size] + size.as_list()), dtype=dtype)
    static_b = batch_size if isinstance(batch_size, int) else None
    z.set_shape(TensorShape([static_b]).concatenate(size))
    return z


def _copy_through(copy_cond, flat_zero_output, flat_state, flat_new_output, flat_new_state):
    """Rows where `copy_cond` holds keep the zero output and the old state."""
    def one(old, new):
        if new.shape.ndims == 0:
            return new
        return array_ops.where(copy_cond, old, new)
    return ([one(z, o) for z, o in zip(flat_zero_output, flat_new_output)],
            [one(s, n) for s, n in zip(flat_state, flat_new_state)])


def _rnn_step(time, sequence_length, zero_output, state, call_cell):
    """One cell step honouring `sequence_length`: finished rows give zeros and keep their state."""
    new_output, new_state = call_cell()
    assert_same_structure(state, new_state)
    copy_cond = time >= sequence_length
    outs, states = _copy_through(copy_cond, flatten(zero_output), flatten(state),
                                 flatten(new_output), flatten(new_state))
    for o, n in zip(outs, flatten(new_output)):
        o.set_shape(n.shape)
    for s, n in zip(states, flatten(new_state)):
        s.set_shape(n.shape)
    return pack_sequence_as(zero_output, outs), pack_sequence_as(state, states)


def _initial_state(cell, initial_state, dtype, batch_size):
    if initial_state is not None:
        return initial_state
    if not dtype:
        raise ValueError("If no initial_state is provided, argument `dtype` must be specified")
    if getattr(cell, "get_initial_state", None) is not None:
        return cell.get_initial_state(inputs=None, batch_size=batch_size, dtype=dtype)
    return cell.zero_state(batch_size, dtype)


# ------------------------------------------------------------------------------------------------
# static_rnn
# ------------------------------------------------------------------------------------------------
def static_rnn(cell, inputs, initial_state=None, dtype=None, sequence_length=None, scope=None):
    """Unroll `cell` over the list `inputs` (each [batch, depth]); returns (outputs, state).

    >>> outputs, state = tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(8), xs, dtype=tf.float32)
    """
    assert_like_rnncell("cell", cell)
    if not is_sequence(inputs):
        raise TypeError("Argument `inputs` must be a sequence. Received: %s" % (inputs,))
    if not inputs:
        raise ValueError("Argument `inputs` must not be empty.")
    outputs = []
    with vs.variable_scope(scope or "rnn") as varscope:
        first = inputs
        while is_sequence(first):
            first = first[0]
        first = convert_to_tensor(first)
        if first.shape.ndims != 1:
            fixed_batch = _dim(first.shape.with_rank_at_least(2).dims[0])
            for flat_input in flatten(inputs):
                shape = convert_to_tensor(flat_input).shape.with_rank_at_least(2)
                b = _dim(shape.dims[0])
                if fixed_batch is not None and b is not None and fixed_batch != b:
                    raise ValueError("Dimension %d and %d are not compatible" % (fixed_batch, b))
                fixed_batch = fixed_batch if fixed_batch is not None else b
                for i, size in enumerate(shape.dims[1:]):
                    if _dim(size) is None:
                        raise ValueError("Input size (dimension %d of input %s) must be "
                                         "accessible via shape inference, but saw value None."
                                         % (i, flat_input))
        else:
            fixed_batch = _dim(first.shape.dims[0])
        batch_size = fixed_batch if fixed_batch else array_ops.shape(first)[0]
        state = _initial_state(cell, initial_state, dtype, batch_size)
        if sequence_length is not None:
            sequence_length = convert_to_tensor(sequence_length, name="sequence_length")
            if sequence_length.shape.ndims not in (None, 1):
                raise ValueError("Argument `sequence_length` must be a vector of length "
                                 "batch_size. Received shape: %s" % sequence_length.shape)
            out_dtype = flatten(state)[0].dtype.base_dtype
            zero_output = map_structure(lambda s: _zeros(batch_size, s, out_dtype),
                                        cell.output_size)
            sequence_length = math_ops.cast(sequence_length, dtypes.int32)
        for time, input_ in enumerate(inputs):
            if time > 0:
                varscope.reuse_variables()

            def call_cell(input_=input_, state=state):
                return cell(input_, state)
            if sequence_length is not None:
                output, state = _rnn_step(time, sequence_length, zero_output, state, call_cell)
            else:
                output, state = call_cell()
            outputs.append(output)
        return outputs, state


def static_state_saving_rnn(cell, inputs, state_saver, state_name, sequence_length=None,
                            scope=None):
    """`static_rnn` whose initial state comes from `state_saver.state(name)` and whose final
    state is saved back with `state_saver.save_state(name, value)` before the last output and
    the state are returned."""
    state_size = cell.state_size
    state_is_tuple = is_sequence(state_size)
    if state_is_tuple != is_sequence(state_name):
        raise ValueError("state_name should be the same type as cell.state_size.  state_name: "
                         "%s, cell.state_size: %s" % (str(state_name), str(state_size)))
    if state_is_tuple:
        names = flatten(state_name)
        if len(names) != len(flatten(state_size)):
            raise ValueError("#elems(state_name) != #elems(state_size): %d vs. %d"
                             % (len(names), len(flatten(state_size))))
        initial_state = pack_sequence_as(state_size, [state_saver.state(n) for n in names])
    else:
        names = [state_name]
        initial_state = state_saver.state(state_name)
    outputs, state = static_rnn(cell, inputs, initial_state=initial_state,
                                sequence_length=sequence_length, scope=scope)
    flat_state = flatten(state)
    saves = [state_saver.save_state(n, s) for n, s in zip(names, flat_state)]
    with control_dependencies(saves):
        last = outputs[-1]
        outputs[-1] = pack_sequence_as(last, [array_ops.identity(o) for o in flatten(last)]) \
            if is_sequence(last) else array_ops.identity(last)
        if state_is_tuple:
            state = pack_sequence_as(state, [array_ops.identity(s) for s in flat_state])
        else:
            state = array_ops.identity(state)
    return outputs, state


# ------------------------------------------------------------------------------------------------
# dynamic_rnn
# ------------------------------------------------------------------------------------------------
def _transpose_batch_time(x: Tensor) -> Tensor:
    """Swap the first two axes (batch-major <-> time-major); tensors of rank < 2 pass."""
    x = convert_to_tensor(x)
    rank = x.shape.ndims
    if rank is not None and rank < 2:
        return x
    if rank is None:
        perm = array_ops.concat([[1, 0], math_ops.range(2, array_ops.rank(x))], 0)
        return array_ops.transpose(x, perm)
    return array_ops.transpose(x, [1, 0] + list(range(2, rank)))


def _best_effort_input_batch_size(flat_input) -> object:
    for x in flat_input:
        shape = x.shape
        if shape.ndims is None:
            continue
        if shape.ndims < 2:
            raise ValueError("Input tensor should have rank >= 2. Received input=%s of rank %d"
                             % (x, shape.ndims))
        b = _dim(shape.dims[1])
        if b is not None:
            return b
    return array_ops.shape(flat_input[0])[1]


def dynamic_rnn(cell, inputs, sequence_length=None, initial_state=None, dtype=None,
                parallel_iterations=None, swap_memory: bool = False, time_major: bool = False,
                scope=None):
    """Run `cell` over `inputs` ([batch, time, depth], or [time, batch, depth] with
    `time_major`) in a while loop; returns (outputs, final_state).

    >>> outputs, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(8), x, dtype=tf.float32)
    """
    assert_like_rnncell("cell", cell)
    with vs.variable_scope(scope or "rnn"):
        flat_input = [convert_to_tensor(x) for x in flatten(inputs)]
        if not time_major:
            flat_input = [_transpose_batch_time(x) for x in flat_input]
        parallel_iterations = parallel_iterations or 32
        if sequence_length is not None:
            sequence_length = math_ops.cast(sequence_length, dtypes.int32)
            if sequence_length.shape.ndims not in (None, 1):
                raise ValueError("Argument sequence_length must be a vector of length "
                                 "batch_size. Received sequence_length=%s of shape: %s"
                                 % (sequence_length, sequence_length.shape))
            sequence_length = array_ops.identity(sequence_length, name="sequence_length")
        batch_size = _best_effort_input_batch_size(flat_input)
        state = _initial_state(cell, initial_state, dtype, batch_size)
        if sequence_length is not None:
            sequence_length = _check_seq_len(sequence_length, batch_size)
        inputs = pack_sequence_as(inputs, flat_input) if is_sequence(inputs) else flat_input[0]
        outputs, final_state = _dynamic_rnn_loop(cell, inputs, state, parallel_iterations,
                                                 swap_memory, sequence_length, dtype)
        if not time_major:
            outputs = map_structure(_transpose_batch_time, outputs)
        return outputs, final_state


def _check_seq_len(sequence_length: Tensor, batch_size) -> Tensor:
    """`sequence_length` after a run-time check that it has `batch_size` entries."""
    x_shape = array_ops.shape(sequence_length)
    packed = array_ops.stack([batch_size])
    ok = math_ops.reduce_all(math_ops.equal(x_shape, packed))
    check = logging_ops.Assert(ok, ["Expected shape for Tensor %s is " % sequence_length.name,
                                    packed, " but saw shape: ", x_shape])
    with control_dependencies([check]):
        return array_ops.identity(sequence_length, name="CheckSeqLen")


def _dynamic_rnn_loop(cell, inputs, initial_state, parallel_iterations, swap_memory,
                      sequence_length, dtype):
    """The time loop of `dynamic_rnn` on time-major inputs: (outputs, final_state)."""
    flat_input = flatten(inputs)
    flat_output_size = flatten(cell.output_size)
    time_steps = array_ops.shape(flat_input[0])[0]
    batch_size = _best_effort_input_batch_size(flat_input)
    got_shapes = [x.shape.with_rank_at_least(3) for x in flat_input]
    const_time_steps, const_batch_size = (got_shapes[0].as_list()[:2]
                                          if got_shapes[0].ndims is not None else (None, None))
    for x, shape in zip(flat_input, got_shapes):
        if shape.ndims is None:
            continue
        if not TensorShape(shape.dims[2:]).is_fully_defined():
            raise ValueError("Input size (depth of inputs) must be accessible via shape "
                             "inference, but saw value None for input=%s." % (x,))
        if _dim(shape.dims[0]) != const_time_steps:
            raise ValueError("Time steps is not the same for all the elements in the input in "
                             "a batch.")
        if _dim(shape.dims[1]) != const_batch_size:
            raise ValueError("Batch_size is not the same for all the elements in the input.")
    out_dtype = _infer_state_dtype(dtype, initial_state)
    zero_output = None
    if sequence_length is not None:
        zero_output = pack_sequence_as(cell.output_size, [_zeros(batch_size, s, out_dtype)
                                                          for s in flat_output_size])
        max_len = math_ops.reduce_max(sequence_length)
    else:
        max_len = time_steps
    time = constant_op.constant(0, dtype=dtypes.int32, name="time")
    loop_bound = math_ops.minimum(time_steps, math_ops.maximum(1, max_len))
    sizes = [TensorShape(s if isinstance(s, (list, tuple, TensorShape)) else [s])
             for s in flat_output_size]
    # each step's output is written into row `time` of a buffer private to the loop (linear in the
    # number of steps; see functional_ops), then stacked: TF's TensorArray names
    accs = [functional_ops._new_buffer(out_dtype, loop_bound) for _ in sizes]
    acc_shapes = [unknown_shape() for _ in sizes]
    state_shapes = [convert_to_tensor(s).shape for s in flatten(initial_state)]
    step_shapes: list = []

    def body(time, accs, state):
        input_t = []
        for x, shape in zip(flat_input, got_shapes):
            xt = x[time]
            if shape.ndims is not None:
                xt.set_shape(shape[1:])
            input_t.append(xt)
        input_t = pack_sequence_as(inputs, input_t) if is_sequence(inputs) else input_t[0]

        def call_cell():
            return cell(input_t, state)
        if sequence_length is not None:
            output, new_state = _rnn_step(time, sequence_length, zero_output, state, call_cell)
        else:
            output, new_state = call_cell()
        assert_same_structure(state, new_state)
        step_shapes[:] = [o.shape for o in flatten(output)]
        accs = [functional_ops._write(a, time, o, loop_bound, True)
                for a, o in zip(accs, flatten(output))]
        return time + 1, accs, new_state

    invariants = (TensorShape([]), acc_shapes, pack_sequence_as(initial_state, state_shapes))
    _, accs, final_state = control_flow_ops.while_loop(
        lambda time, *_: time < loop_bound, body, (time, accs, initial_state),
        shape_invariants=invariants, parallel_iterations=parallel_iterations,
        maximum_iterations=time_steps, swap_memory=swap_memory)
    outputs = []
    for acc, size, step in zip(accs, sizes, step_shapes):
        element = TensorShape([const_batch_size]).concatenate(size).merge_with(step)
        acc = functional_ops._stack(acc, loop_bound, None, element, True)
        if sequence_length is not None:
            pad = array_ops.zeros(array_ops.stack(
                [time_steps - array_ops.shape(acc)[0], batch_size] + size.as_list()),
                dtype=out_dtype)
            acc = array_ops.concat([acc, pad], 0)
        shape = TensorShape([const_time_steps, const_batch_size]).concatenate(size)
        acc.set_shape(shape.merge_with(TensorShape([None]).concatenate(step)))
        outputs.append(acc)
    return pack_sequence_as(cell.output_size, outputs), final_state


def _static(batch_size):
    return batch_size if isinstance(batch_size, int) else None


# ------------------------------------------------------------------------------------------------
# bidirectional
# ------------------------------------------------------------------------------------------------
def bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, sequence_length=None,
                              initial_state_fw=None, initial_state_bw=None, dtype=None,
                              parallel_iterations=None, swap_memory: bool = False,
                              time_major: bool = False, scope=None):
    """A forward and a backward `dynamic_rnn` (the backward one on the time-reversed inputs,
    reversed within each row's length); returns ((out_fw, out_bw), (state_fw, state_bw))."""
    assert_like_rnncell("cell_fw", cell_fw)
    assert_like_rnncell("cell_bw", cell_bw)
    time_axis, batch_axis = (0, 1) if time_major else (1, 0)

    def reverse(x):
        if sequence_length is not None:
            return array_ops.reverse_sequence(x, sequence_length, seq_axis=time_axis,
                                              batch_axis=batch_axis)
        return array_ops.reverse(x, axis=[time_axis])

    with vs.variable_scope(scope or "bidirectional_rnn"):
        with vs.variable_scope("fw") as fw_scope:
            output_fw, state_fw = dynamic_rnn(
                cell_fw, inputs, sequence_length=sequence_length, initial_state=initial_state_fw,
                dtype=dtype, parallel_iterations=parallel_iterations, swap_memory=swap_memory,
                time_major=time_major, scope=fw_scope)
        with vs.variable_scope("bw") as bw_scope:
            inputs_reverse = map_structure(reverse, inputs)
            tmp, state_bw = dynamic_rnn(
                cell_bw, inputs_reverse, sequence_length=sequence_length,
                initial_state=initial_state_bw, dtype=dtype,
                parallel_iterations=parallel_iterations, swap_memory=swap_memory,
                time_major=time_major, scope=bw_scope)
    output_bw = map_structure(reverse, tmp)
    return (output_fw, output_bw), (state_fw, state_bw)


def _reverse_seq(input_seq, lengths):
    """The list `input_seq` reversed in time (within each row's length when given)."""
    if lengths is None:
        return list(reversed(input_seq))
    flat_seq = [flatten(x) for x in input_seq]
    flat_results = [[] for _ in input_seq]
    for sequence in zip(*flat_seq):
        shape = TensorShape(None)
        for x in sequence:
            shape = shape.merge_with(x.shape)
        joined = array_ops.stack(list(sequence))
        reversed_ = array_ops.reverse_sequence(joined, lengths, seq_axis=0, batch_axis=1)
        for r, out in zip(array_ops.unstack(reversed_), flat_results):
            r.set_shape(shape)
            out.append(r)
    return [pack_sequence_as(x, r) if is_sequence(x) else r[0]
            for x, r in zip(input_seq, flat_results)]


def static_bidirectional_rnn(cell_fw, cell_bw, inputs, initial_state_fw=None,
                             initial_state_bw=None, dtype=None, sequence_length=None,
                             scope=None):
    """Forward and backward `static_rnn`; returns (outputs, state_fw, state_bw) where each
    output is the forward and backward outputs concatenated along depth."""
    assert_like_rnncell("cell_fw", cell_fw)
    assert_like_rnncell("cell_bw", cell_bw)
    if not is_sequence(inputs):
        raise TypeError("Argument `inputs` must be a sequence. Received: %s" % (inputs,))
    if not inputs:
        raise ValueError("Argument `inputs` must not be empty.")
    with vs.variable_scope(scope or "bidirectional_rnn"):
        with vs.variable_scope("fw") as fw_scope:
            output_fw, state_fw = static_rnn(cell_fw, inputs, initial_state_fw, dtype,
                                             sequence_length, scope=fw_scope)
        with vs.variable_scope("bw") as bw_scope:
            reversed_inputs = _reverse_seq(inputs, sequence_length)
            tmp, state_bw = static_rnn(cell_bw, reversed_inputs, initial_state_bw, dtype,
                                       sequence_length, scope=bw_scope)
    output_bw = _reverse_seq(tmp, sequence_length)
    outputs = []
    for fw, bw in zip(output_fw, output_bw):
        flat = [array_ops.concat([f, b], 1) for f, b in zip(flatten(fw), flatten(bw))]
        outputs.append(pack_sequence_as(fw, flat) if is_sequence(fw) else flat[0])
    return outputs, state_fw, state_bw



# ------------------------------------------------------------------------------------------------
# stacked bidirectional layers (tf.contrib.rnn)
# ------------------------------------------------------------------------------------------------
def _check_stack_args(cells_fw, cells_bw, initial_states_fw, initial_states_bw) -> None:
    if not cells_fw:
        raise ValueError("Must specify at least one fw cell for BidirectionalRNN.")
    if not cells_bw:
        raise ValueError("Must specify at least one bw cell for BidirectionalRNN.")
    if not isinstance(cells_fw, list):
        raise ValueError("cells_fw must be a list of RNNCells (one per layer).")
    if not isinstance(cells_bw, list):
        raise ValueError("cells_bw must be a list of RNNCells (one per layer).")
    if len(cells_fw) != len(cells_bw):
        raise ValueError("Forward and Backward cells must have the same depth.")
    for states, what in ((initial_states_fw, "fw"), (initial_states_bw, "bw")):
        if states is not None and (not isinstance(states, list) or len(states) != len(cells_fw)):
            raise ValueError("initial_states_%s must be a list of state tensors (one per layer)."
                             % what)


def stack_bidirectional_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None,
                            initial_states_bw=None, dtype=None, sequence_length=None,
                            scope=None):
    """Layers of `static_bidirectional_rnn` (`cell_0`, `cell_1`, ...), each fed the previous
    layer's concatenated outputs; returns (outputs, states_fw, states_bw)."""
    _check_stack_args(cells_fw, cells_bw, initial_states_fw, initial_states_bw)
    states_fw, states_bw = [], []
    prev_layer = inputs
    with vs.variable_scope(scope or "stack_bidirectional_rnn"):
        for i, (cell_fw, cell_bw) in enumerate(zip(cells_fw, cells_bw)):
            init_fw = initial_states_fw[i] if initial_states_fw else None
            init_bw = initial_states_bw[i] if initial_states_bw else None
            with vs.variable_scope("cell_%d" % i) as cell_scope:
                prev_layer, state_fw, state_bw = static_bidirectional_rnn(
                    cell_fw, cell_bw, prev_layer, initial_state_fw=init_fw,
                    initial_state_bw=init_bw, sequence_length=sequence_length, dtype=dtype,
                    scope=cell_scope)
            states_fw.append(state_fw)
            states_bw.append(state_bw)
    return prev_layer, tuple(states_fw), tuple(states_bw)


def stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None,
                                    initial_states_bw=None, dtype=None, sequence_length=None,
                                    parallel_iterations=None, time_major: bool = False,
                                    scope=None, swap_memory: bool = False):
    """Layers of `bidirectional_dynamic_rnn` (`cell_i/bidirectional_rnn/fw`, ...), each fed
    the previous layer's outputs concatenated on depth; returns (outputs, states_fw, states_bw)."""
    _check_stack_args(cells_fw, cells_bw, initial_states_fw, initial_states_bw)
    states_fw, states_bw = [], []
    prev_layer = inputs
    with vs.variable_scope(scope or "stack_bidirectional_rnn"):
        for i, (cell_fw, cell_bw) in enumerate(zip(cells_fw, cells_bw)):
            init_fw = initial_states_fw[i] if initial_states_fw else None
            init_bw = initial_states_bw[i] if initial_states_bw else None
            with vs.variable_scope("cell_%d" % i):
                outputs, (state_fw, state_bw) = bidirectional_dynamic_rnn(
                    cell_fw, cell_bw, prev_layer, initial_state_fw=init_fw,
                    initial_state_bw=init_bw, sequence_length=sequence_length,
                    parallel_iterations=parallel_iterations, dtype=dtype,
                    swap_memory=swap_memory, time_major=time_major)
                prev_layer = array_ops.concat(outputs, 2)
            states_fw.append(state_fw)
            states_bw.append(state_bw)
    return prev_layer, tuple(states_fw), tuple(states_bw)
