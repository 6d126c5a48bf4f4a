"""Sessions: fetch structures, feeds and their checks, pruning, plan caching, threads, the growth warning."""
import collections
import threading
import warnings

import numpy as np
import pytest

import varflow as tf


def _counter():
    v = tf.Variable(0, name="v")
    return v, tf.assign_add(v, 1)


def test_fetch_any_nesting():
    P = collections.namedtuple("P", "a b")
    a = tf.constant(1.0, name="a")
    b = tf.constant([1, 2], name="b")
    dd = collections.defaultdict(list)
    dd["a"] = a
    with tf.Session() as s:
        r = s.run({"x": [a, (b, "a:0")], "y": P(a, {"z": b}), "n": tf.no_op()})
        od = s.run(collections.OrderedDict([("b", b), ("a", a)]))
        assert type(s.run(dd)) is collections.defaultdict
        assert s.run([]) == [] and s.run({}) == {} and s.run([[]]) == [[]]
    assert r["n"] is None and isinstance(r["x"], list) and isinstance(r["x"][1], tuple)
    assert isinstance(r["y"], P) and r["y"].b["z"].tolist() == [1, 2] and r["x"][1][1] == 1.0
    assert type(r["x"][0]) is np.float32 and list(od) == ["b", "a"]


def test_fetch_types_and_names():
    a = tf.constant(1.0, name="a")
    with tf.Session() as s:
        r = s.run([a, tf.constant([1.0]), tf.constant("s"), tf.constant(True)])
        assert [type(x).__name__ for x in r] == ["float32", "ndarray", "bytes", "bool"]
        assert s.run(["a", "a:0"]) == [None, 1.0]
        assert s.run(tf.no_op()) is None
        with pytest.raises(TypeError, match="Fetch argument None"):
            s.run(None)
        with pytest.raises(TypeError, match="Can not convert a int"):
            s.run(3)
        with pytest.raises(TypeError, match="Can not convert a set"):
            s.run({a})
        with pytest.raises(ValueError, match="cannot be interpreted as a Tensor"):
            s.run("nope:0")


def test_feeds_by_tensor_and_name_and_non_placeholders():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    y = x * 2
    a = tf.constant(1.0, name="a")
    b = a + 1
    with tf.Session() as s:
        assert s.run(y, {x: [[1, 2]]}).tolist() == [[2, 4]]
        assert s.run(y, feed_dict={"x:0": np.ones((1, 2))}).dtype == np.float32
        assert s.run(b, {a: 5.0}) == 6.0
        # TF 2.21 hands a fetched fed tensor back as the fed array (0-d arrays stay arrays)
        fed = s.run(a, {a: 7.0})
        assert isinstance(fed, np.ndarray) and fed.shape == () and fed == 7.0
        v = np.array([[1.0, 2.0]], np.float32)
        assert s.run(x, {x: v}) is v
    p = tf.placeholder_with_default(1.0, [], name="p")
    with tf.Session() as s:
        assert s.run(p) == 1.0 and s.run(p, {p: 5.0}) == 5.0


def test_feed_checks_use_tfs_error_classes():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    i = tf.placeholder(tf.int32, [], name="i")
    a = tf.constant([1.0, 2.0], name="a")
    with tf.Session() as s:
        with pytest.raises(ValueError, match=r"Cannot feed value of shape \(1, 3\) for Tensor "
                                             r"x:0, which has shape \(\?, 2\)"):
            s.run(x, {x: [[1, 2, 3]]})
        with pytest.raises(ValueError, match="Cannot feed value of shape \\(3,\\)"):
            s.run(a, {a: [1.0, 2.0, 3.0]})
        with pytest.raises(ValueError):
            s.run(x, {x: [["a", "b"]]})
        with pytest.raises(TypeError, match="larger type"):
            s.run(i, {i: 2**40})
        with pytest.raises(TypeError, match="cannot be a tf.Tensor"):
            s.run(i, {i: tf.constant(1)})
        with pytest.raises(TypeError, match="Cannot interpret feed_dict key"):
            s.run(x, {"nope:0": 1.0})
        with pytest.raises(TypeError, match="Cannot interpret feed_dict key"):
            s.run(x, {tf.no_op(): 1})
        assert s.run(i, {i: 1.7}) == 1          # TF truncates like NumPy


def test_unfed_placeholder():
    x = tf.placeholder(tf.float32, [None], name="x")
    with tf.Session() as s:
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match="You must feed a value for placeholder tensor 'x'"):
            s.run(x + 1)


def test_pruning_runs_only_what_fetches_need():
    v, inc = _counter()
    c = tf.constant(1)
    y = inc * 2
    with tf.Session() as s:
        s.run(v.initializer)
        s.run(c)
        s.run(c + 1)
        assert s.run(v) == 0
        assert s.run(y, {inc: 10}) == 20       # a fed tensor cuts the graph above it
        assert s.run(v) == 0


def test_fetching_the_same_op_twice_runs_it_once():
    v, inc = _counter()
    with tf.Session() as s:
        s.run(v.initializer)
        assert s.run([inc, inc, inc]) == [1, 1, 1]
        s.run([inc.op, inc.op, inc])
        assert s.run(v) == 2


def test_plans_are_cached_and_refreshed_when_ops_gain_control_inputs():
    x = tf.placeholder(tf.float32, [], name="x")
    y = x * 2
    with tf.Session() as s:
        s.run(y, {x: 1.0})
        n = len(s._plans)
        s.run(y, {x: 2.0})
        s.run(y, {"x:0": 3.0})
        assert len(s._plans) == n
        plan = next(iter(s._plans.values()))
        s.run(y, {x: 4.0})
        assert next(iter(s._plans.values())) is plan
        v, inc = _counter()
        s.run(v.initializer)
        y.op._add_control_input(inc.op)
        s.run(y, {x: 1.0})
        assert s.run(v) == 1


def test_make_callable():
    x = tf.placeholder(tf.float32, [], name="x")
    y = x * 2
    with tf.Session() as s:
        f = s.make_callable(y, [x])
        g = s.make_callable([y, {"a": y}], ["x:0"])
        assert f(2.0) == 4.0 and g(3.0) == [6.0, {"a": 6.0}]
        assert s.make_callable(tf.constant(2.0))() == 2.0 and s.make_callable(tf.no_op())() is None
        with pytest.raises(tf.errors.InvalidArgumentError, match="expects 1 feed values"):
            f()
    with pytest.raises(RuntimeError, match="closed Session"):
        f(1.0)


def test_close_and_context_manager():
    a = tf.constant(1.0)
    s = tf.Session()
    s.close()
    s.close()
    with pytest.raises(RuntimeError, match="Attempted to use a closed Session"):
        s.run(a)
    with tf.Session() as s:
        pass
    with pytest.raises(RuntimeError, match="closed Session"):
        s.run(a)


def test_graphs_and_empty_graph():
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0)
    with tf.Session(graph=g) as s:
        assert s.run(a) == 1.0 and s.graph is g
    with tf.Session() as s:
        with pytest.raises(RuntimeError, match="The Session graph is empty"):
            s.run(a)
    tf.constant(2.0)
    with tf.Session() as s:
        with pytest.raises(ValueError, match="is not an element of this graph"):
            s.run(a)
        with pytest.raises(ValueError, match="graph is different from the session's graph"):
            a.eval(session=s)
    with pytest.raises(TypeError):
        tf.Session(graph=1)


def test_default_session_eval_and_run():
    a = tf.constant(3.0)
    s = tf.Session()
    with s.as_default():
        assert tf.get_default_session() is s and a.eval() == 3.0 and tf.no_op().run() is None
    assert tf.get_default_session() is None
    with tf.Session() as s:
        with tf.Session() as t:
            assert tf.get_default_session() is t
        assert tf.get_default_session() is s
        x = tf.placeholder(tf.float32, [])
        assert (x * 2).eval({x: 3.0}) == 6.0
    assert a.eval(session=tf.Session()) == 3.0


def test_interactive_session():
    a = tf.constant(3.0)
    s = tf.InteractiveSession()
    assert a.eval() == 3.0 and tf.get_default_session() is s
    s.close()
    assert tf.get_default_session() is None


def test_config_options_and_targets_are_accepted():
    cfg = tf.ConfigProto(allow_soft_placement=True, log_device_placement=False,
                         gpu_options=tf.GPUOptions(allow_growth=True,
                                                   per_process_gpu_memory_fraction=0.5))
    cfg.gpu_options.allow_growth = True
    cfg.intra_op_parallelism_threads = 2
    a = tf.constant(1.0)
    with tf.Session(config=cfg) as s:
        assert s.run(a) == 1.0
    with tf.Session("", tf.get_default_graph(), tf.ConfigProto()) as s:
        opts = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
        assert s.run(a, options=opts, run_metadata=tf.RunMetadata()) == 1.0
        assert s.sess_str == b""
    with pytest.raises(AttributeError):
        tf.ConfigProto(no_such_field=1)


def test_concurrent_runs_on_one_session():
    x = tf.placeholder(tf.float32, [3])
    y = x * 2
    v, inc = _counter()
    sess = tf.Session()
    sess.run(v.initializer)
    tf.get_default_graph().finalize()
    errors = []

    def work(k):
        try:
            for _ in range(100):
                assert (sess.run(y, {x: np.full(3, k, np.float32)}) == 2 * k).all()
                sess.run(inc)
        except Exception as e:  # noqa: BLE001 - collected and re-raised below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and sess.run(v) == 600


def test_graph_growth_warns_once_naming_types_and_line():
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as s, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(20):
            y = x * 2 + 1  # the leaking line
            s.run(y, {x: 1.0})
    grown = [w for w in caught if issubclass(w.category, RuntimeWarning)]
    assert len(grown) == 1
    msg = str(grown[0].message)
    assert "Mul" in msg and "AddV2" in msg and "test_session.py" in msg and "finalize" in msg


def test_finalized_graph_turns_growth_into_error():
    x = tf.placeholder(tf.float32, [], name="x")
    tf.get_default_graph().finalize()
    with tf.Session() as s:
        with pytest.raises(RuntimeError, match="Graph is finalized"):
            s.run(x * 2, {x: 1.0})
