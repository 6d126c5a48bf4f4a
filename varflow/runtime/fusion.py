"""Fuse runs of plan steps into one kernel where nothing else reads the values between them.

The one fusion today is TF's own remapper fusion: Conv2D, then the add of a per-channel bias
(BiasAdd, or `conv + b` with `b` of shape [out_channels]) and/or a Relu, run as one kernel
(ops/nn_ops.py `fused_conv2d_kernel`) that applies the bias and ReLU to each output chunk while it
is in cache, so the two full-size temporaries are never made. Results are bit-identical.

The fusion runs on the steps the executor schedules, after any XLA compilation (varflow.xla sees
the logical ops). A fused step takes the place of the op after the convolution; it is only formed
where every step between the two is stateless, so moving the convolution's variable read
later changes nothing a program can observe.
"""
from __future__ import annotations

from ..ops import nn_ops


def fuse_steps(program: list, pinned: set, bind) -> list:
    """`program` with fusable runs replaced by one step each. `pinned` holds the slots whose values
    must stay visible (fetched or fed); `bind(op, kernel)` adapts a kernel to the op's inputs."""
    readers: dict = {}
    for index, step in enumerate(program):
        for s in set(step[1]):
            readers.setdefault(s, []).append(index)
    replaced: dict = {}     # index -> the fused step that runs there
    dropped: set = set()
    for index, (_fn, ins, out, mode, op) in enumerate(program):
        if mode != 1 or op._type != "Conv2D" or index in dropped:
            continue
        run = [index]                       # the conv, then the bias add and/or the ReLU
        extra: tuple = ()
        bias_op = act_op = None
        last_slot = out
        nxt = _sole_reader(last_slot, readers, pinned, program)
        if nxt is not None and program[nxt][3] == 1 and program[nxt][4]._type in nn_ops.FUSABLE_BIAS_ADDS:
            bias = _bias_slot(op, program[nxt][4], program[nxt][1], last_slot)
            if bias is not None:
                bias_op, extra, last_slot = program[nxt][4], (bias,), program[nxt][2]
                run.append(nxt)
                nxt = _sole_reader(last_slot, readers, pinned, program)
        if nxt is not None and program[nxt][3] == 1 and program[nxt][4]._type in nn_ops.FUSABLE_ACTIVATIONS:
            act_op, last_slot = program[nxt][4], program[nxt][2]
            run.append(nxt)
        if len(run) == 1 or any(k in replaced or k in dropped for k in run):
            continue
        at = run[1]                           # the fused step runs where the first follower did
        if any(program[k][4]._def.stateful for k in range(index + 1, at)):
            continue
        kernel = nn_ops.fused_conv2d_kernel(op, bias_op, act_op)
        if kernel is None:
            continue
        replaced[at] = (bind(op, kernel), tuple(ins) + extra, last_slot, 1, op)
        dropped.update(k for k in run if k != at)
    if not replaced:
        return program
    return [replaced.get(k, step) for k, step in enumerate(program) if k not in dropped]


def _sole_reader(slot, readers: dict, pinned: set, program: list):
    """The index of the one step that reads `slot` (once), or None."""
    if slot in pinned:
        return None
    found = readers.get(slot, ())
    if len(found) != 1 or program[found[0]][1].count(slot) != 1:
        return None
    return found[0]


def _bias_slot(conv, add, add_ins: tuple, conv_slot):
    """The slot of the per-channel bias `add` adds to the convolution's output, or None."""
    if add._type == "BiasAdd":
        other = 1 if add_ins[0] == conv_slot else None
    else:
        other = 1 - add_ins.index(conv_slot)
    if other is None or len(add_ins) != 2:
        return None
    bias, result = add._inputs[other], conv._outputs[0]
    channels = result._shape[3] if result._shape.ndims == 4 else None
    if bias._dtype != result._dtype or not bias._shape.is_fully_defined() \
            or channels is None or bias._shape.as_list() != [channels]:
        return None     # a ref (its kernel would need the variable read) or not per-channel
    return add_ins[other]
