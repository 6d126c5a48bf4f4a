"""The plan schedule: prefilled constants and slots, values dropped after their last reader, the
failing op named in errors, every output mode of the generated straight-line code."""
import gc
import weakref

import numpy as np
import pytest

import varflow as tf
from varflow.runtime import executor


@pytest.fixture(autouse=True, params=["generated", "interpreted"])
def runner(request, monkeypatch):
    """Every test here runs with plans as generated code and as the loop used for long plans."""
    if request.param == "interpreted":
        monkeypatch.setattr(executor, "GENERATE_MAX_STEPS", -1)
    return request.param


class _Probe:
    """Records weak references to arrays a py_func produced, to see when the plan drops them."""

    def __init__(self):
        self.refs = []
        self.alive_at_check = None

    def make(self, x):
        out = (x * 2).astype(np.float32)
        self.refs.append(weakref.ref(out))
        return out

    def check(self, x):
        gc.collect()
        self.alive_at_check = [r() is not None for r in self.refs]
        return x


def test_intermediate_dropped_after_its_last_reader():
    probe = _Probe()
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [3])
        a = tf.py_func(probe.make, [x], tf.float32)       # read only by `b`
        b = a + 1.0
        c = tf.py_func(probe.check, [b], tf.float32)
        with tf.Session() as sess:
            out = sess.run(c, {x: np.ones(3, np.float32)})
    assert out.tolist() == [3.0, 3.0, 3.0]
    assert probe.alive_at_check == [False]


def test_fetched_intermediate_is_kept():
    probe = _Probe()
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [3])
        a = tf.py_func(probe.make, [x], tf.float32)
        c = tf.py_func(probe.check, [a + 1.0], tf.float32)
        with tf.Session() as sess:
            a_val, c_val = sess.run([a, c], {x: np.ones(3, np.float32)})
    assert probe.alive_at_check == [True]
    assert a_val.tolist() == [2.0, 2.0, 2.0] and c_val.tolist() == [3.0, 3.0, 3.0]


def test_constants_and_variable_slots_are_prefilled_not_run():
    with tf.Graph().as_default():
        v = tf.Variable(0.0)
        inc = v.assign_add(1.0)
        with tf.Session() as sess:
            sess.run(v.initializer)
            plan = sess._plan((inc,), ())
            assert sorted(op.type for op in plan.ops) == ["AssignAdd", "Const", "VariableV2"]
            assert [op.type for op in plan._line_ops[1]] == ["AssignAdd"]   # the steps that run
            assert [sess.run(inc) for _ in range(3)] == [1.0, 2.0, 3.0]


def test_error_names_the_failing_op():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None])
        y = tf.identity(x * 2.0)
        bad = tf.reshape(y, [2, 2], name="the_reshape")
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError) as info:
                sess.run(bad, {x: np.ones(3, np.float32)})
    assert info.value.op.name == "the_reshape"
    assert "the_reshape" in str(info.value)


def test_multi_output_and_guarded_steps():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [4])
        pred = tf.placeholder(tf.bool, [])
        values, indices = tf.nn.top_k(x, 2)                 # a two-output step
        out = tf.cond(pred, lambda: values * 2.0, lambda: values - 1.0)
        unused_split = tf.split(x, 2)                        # outputs nothing reads
        with tf.Session() as sess:
            feed = {x: np.array([1, 4, 2, 3], np.float32)}
            assert sess.run(out, {**feed, pred: True}).tolist() == [8.0, 6.0]
            assert sess.run(out, {**feed, pred: False}).tolist() == [3.0, 2.0]
            assert sess.run(indices, feed).tolist() == [1, 3]
            assert sess.run(unused_split[1], feed).tolist() == [2.0, 3.0]


def test_generated_code_handles_steps_with_no_outputs_and_fed_fetches():
    with tf.Graph().as_default():
        v = tf.Variable(1.0)
        x = tf.placeholder(tf.float32, [])
        group = tf.group(v.assign(x))
        with tf.Session() as sess:
            sess.run(v.initializer)
            fetched = sess.run([group, x], {x: 5.0})
            assert fetched[0] is None and fetched[1] == 5.0
            assert sess.run(v) == 5.0


def test_with_steps_keeps_slots_and_fetches():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2])
        y = x + 1.0
        with tf.Session() as sess:
            plan = sess._plan((y,), (x,))
            copy = plan.with_steps(list(plan.steps))
            assert copy is not plan and copy.steps == plan.steps
            assert copy.run([np.zeros(2, np.float32)])[0].tolist() == [1.0, 1.0]
    assert executor._GENERATED == "<varflow plan>"


def test_long_plans_are_interpreted_not_compiled(runner):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2])
        y = x
        for _ in range(executor.GENERATE_MAX_STEPS + 10 if runner == "generated" else 5):
            y = y + 1.0
        with tf.Session() as sess:
            out = sess.run(y, {x: np.zeros(2, np.float32)})
            plan = sess._plan((y,), (x,))
    assert out[0] == len(plan._line_ops[1])
    assert plan._run_program.__code__.co_filename != executor._GENERATED


def test_sessions_share_the_generated_code_of_a_template():
    with tf.Graph().as_default():
        v = tf.Variable(1.0)
        inc = v.assign_add(2.0)
        s1, s2 = tf.Session(), tf.Session()
        for s in (s1, s2):
            s.run(v.initializer)
        p1, p2 = s1._plan((inc,), ()), s2._plan((inc,), ())
        assert p1 is not p2 and p1._run_program is not p2._run_program
        assert p1._run_program.__code__ is p2._run_program.__code__
        assert s1.run(inc) == 3.0 and s1.run(inc) == 5.0 and s2.run(inc) == 3.0
