"""tf.Variable: construction, names, dtypes, collections, reads, updates, ref vs resource."""
import numpy as np
import pytest

import varflow as tf


def run(fetches, init=True):
    with tf.Session() as sess:
        if init:
            sess.run(tf.global_variables_initializer())
        return sess.run(fetches)


def test_names_are_uniquified_like_ops():
    a, b = tf.Variable(0.0), tf.Variable(0.0)
    c, d = tf.Variable(0.0, name="v"), tf.Variable(0.0, name="v")
    f = tf.Variable(0.0, name="v_1")
    with tf.name_scope("ns"):
        g = tf.Variable(0.0, name="v")
    assert [x.name for x in (a, b, c, d, f, g)] == [
        "Variable:0", "Variable_1:0", "v:0", "v_1:0", "v_1_1:0", "ns/v:0"]


def test_ref_variable_structure():
    v = tf.Variable([1.0, 2.0], name="v")
    assert v.dtype.name == "float32_ref" and v.dtype.base_dtype == tf.float32
    assert v.op.type == "VariableV2" and v.op.name == "v"
    assert v.initializer.name == "v/Assign" and v.value().name == "v/read:0"
    assert v.initial_value.name == "v/initial_value:0"
    assert v.value() is v.value()
    assert v in tf.global_variables() and v in tf.trainable_variables()


def test_resource_variable_structure():
    r = tf.Variable([1.0], name="r", use_resource=True)
    assert r.dtype == tf.float32 and r.op.type == "VarHandleOp"
    assert isinstance(r, tf.ResourceVariable)
    assert run(r.assign_add([2.0])).tolist() == [3.0]


def test_dtype_inference_and_explicit_dtype():
    assert tf.Variable(1).dtype.base_dtype == tf.int32
    assert tf.Variable(1.0).dtype.base_dtype == tf.float32
    assert tf.Variable(np.float64(1.0)).dtype.base_dtype == tf.float64
    assert tf.Variable(1, dtype=tf.float32).dtype.base_dtype == tf.float32
    assert tf.Variable(2**40).dtype.base_dtype == tf.int64


def test_callable_initial_value_is_built_under_initializer_scope():
    v = tf.Variable(lambda: tf.zeros([2]), name="v")
    assert v.initial_value.name.startswith("v/Initializer/")
    assert run(v).tolist() == [0.0, 0.0]


def test_trainable_false_and_custom_collections():
    a = tf.Variable(1.0, trainable=False)
    b = tf.Variable(1.0, collections=["mine"])
    assert a in tf.global_variables() and a not in tf.trainable_variables()
    assert b not in tf.global_variables() and b in tf.trainable_variables()
    assert tf.get_collection("mine") == [b]


def test_collections_must_be_a_list():
    with pytest.raises(ValueError, match="must be a list"):
        tf.Variable(1.0, collections="mine")


def test_validate_shape_false_allows_shape_change():
    v = tf.Variable([1.0, 2.0], validate_shape=False, name="v")
    assert v.shape.ndims is None
    grow = tf.assign(v, [1.0, 2.0, 3.0], validate_shape=False)
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(grow).tolist() == [1.0, 2.0, 3.0]


def test_assign_family_and_persistence():
    v = tf.Variable(1.0, name="v")
    inc = v.assign_add(2.0)
    dec = tf.assign_sub(v, 0.5)
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(inc) == 3.0
        assert sess.run(inc) == 5.0
        assert sess.run(dec) == 4.5
        assert sess.run(v.assign(7.0)) == 7.0
        assert sess.run(v) == 7.0


def test_assign_shape_mismatch_is_a_build_error():
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(ValueError, match="incompatible"):
        v.assign([1.0, 2.0, 3.0])


def test_assign_dtype_mismatch_is_a_type_error():
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(TypeError):
        v.assign(tf.constant([1, 2]))


def test_uninitialized_read_names_the_variable_and_the_fix():
    v = tf.Variable(1.0, name="weights")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError) as info:
            sess.run(v)
    assert "weights" in str(info.value) and "global_variables_initializer" in str(info.value)


def test_assign_on_uninitialized_initializes_but_assign_add_fails():
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        assert sess.run(v.assign(3.0)) == 3.0
    w = tf.Variable(1.0, name="w")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError):
            sess.run(w.assign_add(1.0))


def test_value_ignores_control_deps_read_value_honours_them():
    v = tf.Variable(0.0, name="v")
    inc = v.assign_add(1.0)
    with tf.control_dependencies([inc]):
        a = v.value()
        b = v.read_value()
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(a) == 0.0
        assert sess.run(b) == 1.0


def test_resource_value_honours_control_deps():
    v = tf.Variable(0.0, name="v", use_resource=True)
    inc = v.assign_add(1.0)
    with tf.control_dependencies([inc]):
        a = v.value()
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(a) == 1.0


def test_initialized_value_chains_under_one_initializer_run():
    v = tf.Variable(3.0, name="v")
    w = tf.Variable(v.initialized_value() * 2.0, name="w")
    y = tf.Variable(w.initialized_value() + v.initialized_value(), name="y")
    for _ in range(3):
        assert run([v, w, y]) == [3.0, 6.0, 9.0]


def test_initializer_reading_another_variable_is_guarded():
    v = tf.Variable(3.0, name="v")
    w = tf.Variable(v * 2.0, name="w")
    assert w.initial_value.name == "mul:0" and w.initializer.inputs[1].name == "mul_w:0"
    assert v.initialized_value().name == "cond/Merge:0"
    with tf.Session() as sess:
        sess.run(w.initializer)                     # v uninitialized: its initial value is used
        assert sess.run(w) == 6.0
        sess.run(v.initializer)
        sess.run(v.assign(10.0))
        sess.run(w.initializer)                     # now v's value is
        assert sess.run(w) == 20.0


def test_resource_assign_returns_a_lazy_read_named_after_the_update():
    r = tf.Variable([1.0], name="r", use_resource=True)
    a = r.assign([5.0])
    assert a.name == "AssignVariableOp" and a.op.type == "AssignVariableOp"
    doubled = a * 2.0                               # reads after the assign
    assert doubled.op.inputs[0].op.control_inputs == [a.op]
    with tf.Session() as sess:
        sess.run(r.initializer)
        assert sess.run(doubled).tolist() == [10.0]
        assert sess.run(a.assign_add([1.0])).tolist() == [6.0]


def test_assert_variables_initialized_stacks_ranks_as_tf():
    v = tf.Variable(1.0, name="a")
    w = tf.Variable([1.0, 2.0], name="b")
    check = tf.assert_variables_initialized([v, w])
    assert check.name == "stack:0" and tf.assert_variables_initialized([v]).op.type == "Rank"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(check).tolist() == [0, 1]


def test_eval_and_load():
    v = tf.Variable([1.0, 2.0], name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        v.load([5.0, 6.0], sess)
        assert v.eval(sess).tolist() == [5.0, 6.0]


def test_scatter_ops_and_count_up_to():
    v = tf.Variable([1.0, 2.0, 3.0, 4.0], name="v")
    c = tf.Variable(0, name="c")
    up = c.count_up_to(2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(tf.scatter_add(v, [1, 1], [5.0, 5.0])).tolist() == [1.0, 12.0, 3.0, 4.0]
        assert sess.run(tf.scatter_update(v, [0], [9.0])).tolist() == [9.0, 12.0, 3.0, 4.0]
        with pytest.raises(tf.errors.InvalidArgumentError, match="not in"):
            sess.run(tf.scatter_update(v, [7], [1.0]))
        assert [sess.run(up), sess.run(up)] == [0, 1]
        with pytest.raises(tf.errors.OutOfRangeError):
            sess.run(up)


def test_sliced_assignment():
    v = tf.Variable([1.0, 2.0, 3.0, 4.0], name="v")
    s1 = v[1:3].assign([7.0, 8.0])
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(s1).tolist() == [1.0, 7.0, 8.0, 4.0]


def test_fetched_values_are_copies():
    v = tf.Variable([1.0, 2.0], name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        got = sess.run(v)
        got[0] = 100.0
        assert sess.run(v).tolist() == [1.0, 2.0]


def test_variable_is_usable_as_tensor():
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="v")
    w = tf.Variable([[1.0, 0.0], [0.0, 1.0]], name="w")
    exprs = [v + 1.0, -v, v @ w, tf.matmul(v, w), v[0], tf.reduce_sum(v), tf.convert_to_tensor(v)]
    out = run(exprs)
    assert out[0].tolist() == [[2.0, 3.0], [4.0, 5.0]]
    assert out[2].tolist() == out[3].tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert out[4].tolist() == [1.0, 2.0] and out[5] == 10.0
    assert exprs[-1].dtype == tf.float32


def test_variable_bool_and_iter_as_in_tf():
    v = tf.Variable([1.0])
    assert bool(v)                                    # a ref variable is truthy, as in TF1
    r = tf.Variable([1.0], use_resource=True)
    with pytest.raises(tf.errors.OperatorNotAllowedInGraphError):
        bool(r)
    for var in (v, r):
        with pytest.raises(tf.errors.OperatorNotAllowedInGraphError):
            iter(var)


def test_variable_requires_initial_value_with_hint():
    with pytest.raises(ValueError, match="get_variable"):
        tf.Variable()


def test_variable_creator_scope_sees_kwargs_innermost_first():
    seen = []

    def outer(next_creator, **kwargs):
        seen.append(kwargs["name"])
        return next_creator(**kwargs)

    def inner(next_creator, **kwargs):
        kwargs["name"] = "forced"
        return next_creator(**kwargs)

    with tf.variable_creator_scope(outer), tf.variable_creator_scope(inner):
        v = tf.Variable(1.0, name="orig")
    assert seen == ["forced"] and v.name == "forced:0"


def test_report_and_assert_initialized():
    v = tf.Variable(1.0, name="a")
    w = tf.Variable(1.0, name="b")
    check = tf.assert_variables_initialized()
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(tf.report_uninitialized_variables()).tolist() == [b"b"]
        assert bool(sess.run(tf.is_variable_initialized(v)))
        with pytest.raises(tf.errors.FailedPreconditionError, match="b"):
            sess.run(check)
        sess.run(w.initializer)
        sess.run(check)


def test_to_proto_and_from_proto():
    v = tf.Variable([1.0], name="v")
    proto = v.to_proto()
    again = tf.Variable.from_proto(proto)
    assert again.name == "v:0" and again.initializer is v.initializer


def test_variable_arguments_bind_as_in_tf_and_bad_ones_are_type_errors():
    with tf.Graph().as_default():
        v = tf.Variable(1.0, True, None, True, None, "by_position")
        assert v.name == "by_position:0" and v.trainable
        assert tf.Variable(initial_value=2.0, name="kw", trainable=False).trainable is False
        with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'"):
            tf.Variable(1.0, bogus=1)
        with pytest.raises(TypeError, match="multiple values for argument 'initial_value'"):
            tf.Variable(1.0, initial_value=2.0)
        with pytest.raises(TypeError, match="at most 15 positional arguments"):
            tf.Variable(*range(16))


def test_initializers_take_a_shape_tensor_as_tf_does():
    shape = tf.constant([2, 3])
    outs = [tf.zeros_initializer()(shape), tf.ones_initializer()(shape),
            tf.random_uniform_initializer(seed=1)(shape), tf.random_normal_initializer(seed=1)(shape),
            tf.truncated_normal_initializer(seed=1)(shape)]
    assert [o.name for o in outs] == ["zeros:0", "ones:0", "random_uniform:0", "random_normal:0",
                                      "truncated_normal:0"]
    with tf.Session() as sess:
        assert [v.shape for v in sess.run(outs)] == [(2, 3)] * 5
    with pytest.raises(TypeError):          # fan-based initializers need a static shape, as in TF
        tf.glorot_uniform_initializer()(shape)
