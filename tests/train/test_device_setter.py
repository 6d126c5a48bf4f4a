"""replica_device_setter and the ps placement strategies (device strings observed in TF 2.21 through
tf.compat.v1 unless said otherwise)."""
import pytest

import varflow as tf
from varflow.train.cluster import ClusterSpec
from varflow.train.device_setter import (STANDARD_PS_OPS, GreedyLoadBalancingStrategy,
                                         byte_size_load_fn, replica_device_setter)

CLUSTER = {"ps": ["ps0:2222", "ps1:2222"],
           "worker": ["worker0:2222", "worker1:2222", "worker2:2222"]}


def test_standard_ps_ops():
    for op_type in ("Variable", "VariableV2", "AutoReloadVariable", "MutableHashTable",
                    "MutableHashTableV2", "MutableHashTableOfTensors", "MutableDenseHashTable",
                    "MutableDenseHashTableV2", "VarHandleOp", "ResourceConditionalAccumulator"):
        assert op_type in STANDARD_PS_OPS
    assert len(STANDARD_PS_OPS) == 14


def test_round_robin_variables_and_worker_ops():
    with tf.device(replica_device_setter(cluster=ClusterSpec(CLUSTER))):
        v1 = tf.get_variable("v1", [2])
        v2 = tf.Variable([1.0, 2.0], name="v2")
        with tf.variable_scope("s"):
            v3 = tf.get_variable("v3", [2])
        a = v1 + v2
    assert [v.device for v in (v1, v2, v3)] == ["/job:ps/task:0", "/job:ps/task:1",
                                                "/job:ps/task:0"]
    assert [v.initializer.device for v in (v1, v2, v3)] == ["/job:ps/task:0", "/job:ps/task:1",
                                                            "/job:ps/task:0"]
    assert v1.value().op.device == "/job:ps/task:0"
    assert a.op.device == "/job:worker"


def test_cluster_as_dict_and_sparse_cluster():
    with tf.device(replica_device_setter(cluster=CLUSTER)):
        v = tf.get_variable("v", [10, 10])
        y = v + 1.0
    assert (v.device, y.op.device) == ("/job:ps/task:0", "/job:worker")
    sparse = ClusterSpec({"ps": ["ps0:2222", "ps1:2222"], "worker": {1: "w1", 3: "w3"}})
    with tf.device(replica_device_setter(cluster=sparse)):
        devices = [tf.get_variable("s%d" % i, [1]).device for i in range(3)]
    assert devices == ["/job:ps/task:0", "/job:ps/task:1", "/job:ps/task:0"]


def test_cluster_decides_the_number_of_ps_tasks():
    with tf.device(replica_device_setter(cluster={"ps": ["a"], "worker": ["b"]}, ps_tasks=5)):
        assert [tf.Variable(1.0).device for _ in range(3)] == ["/job:ps/task:0"] * 3
    with tf.device(replica_device_setter(cluster={"ps": ["a"]}, ps_tasks=0)):
        assert tf.Variable(1.0).device == "/job:ps/task:0"
    with tf.device(replica_device_setter(cluster={"ps": {3: "a"}})):
        assert tf.Variable(1.0).device == "/job:ps/task:0"
    setter = replica_device_setter(cluster={"param": ["a", "b"]}, ps_device="/job:param")
    with tf.device(setter):
        devices = [tf.Variable(1.0).device for _ in range(3)]
        const = tf.constant(1.0)
    assert devices == ["/job:param/task:0", "/job:param/task:1", "/job:param/task:0"]
    assert const.op.device == "/job:worker"


def test_returns_none_without_ps_tasks():
    assert replica_device_setter(cluster={"worker": ["w0:1", "w1:1"]}) is None
    assert replica_device_setter(ps_tasks=0) is None
    assert replica_device_setter(cluster={"ps": []}) is None
    assert replica_device_setter(cluster={"ps": ["a"]}, ps_device="/cpu:0") is None
    with tf.device(replica_device_setter(cluster={"worker": ["w0:1"]})):
        assert tf.get_variable("a", [1]).device == ""
    assert callable(replica_device_setter(ps_tasks=2))


def test_bad_arguments():
    with pytest.raises(TypeError):
        replica_device_setter(ps_tasks=2, ps_strategy=5)
    with pytest.raises(TypeError):
        replica_device_setter(cluster=5)


def test_merge_devices_with_enclosing_scopes():
    with tf.device(replica_device_setter(cluster=CLUSTER)):
        with tf.device("/cpu:0"):
            v = tf.Variable([1, 2], name="v")
        w = tf.Variable([2, 1], name="w")
        with tf.device("/cpu:0"):
            a = v + w
        with tf.device("/job:moon"):
            m = tf.Variable([2, 1], name="m")
            with tf.device("/job:ps"):
                x = tf.Variable([0, 1], name="x")
    assert (v.device, v.initializer.device) == ("/job:ps/task:0/device:CPU:0",) * 2
    assert w.device == "/job:ps/task:1"
    assert a.op.device == "/job:worker/device:CPU:0"
    assert (m.device, m.initializer.device) == ("/job:moon", "/job:moon")
    assert x.device == "/job:ps/task:0"


def test_op_fields_win_and_strategy_still_advances():
    with tf.device(replica_device_setter(ps_tasks=2)):
        v = tf.Variable(1.0)
        c = tf.constant(1.0)
        with tf.device("/job:ps"):
            c2 = tf.constant(1.0)
        with tf.device("/task:3"):
            c3 = tf.constant(1.0)
            v3 = tf.Variable(1.0)  # takes task 1 of the round robin, then /task:3 wins
        with tf.device("/job:worker/task:3/gpu:1"):
            v4 = tf.Variable(1.0)  # pinned to another job: no task drawn
        with tf.device("/replica:2"):
            v5 = tf.Variable(1.0)
        with tf.device("/job:ps/replica:1"):
            v6 = tf.Variable(1.0)
    assert v.device == "/job:ps/task:0"
    assert (c.op.device, c2.op.device, c3.op.device) == ("/job:worker", "/job:ps",
                                                         "/job:worker/task:3")
    assert v3.device == "/job:ps/task:3"
    assert v4.device == "/job:worker/task:3/device:GPU:1"
    assert v5.device == "/job:ps/replica:2/task:0"
    assert v6.device == "/job:ps/replica:1/task:1"


def test_merge_devices_false_keeps_existing_device():
    with tf.device(replica_device_setter(ps_tasks=2, merge_devices=False)):
        with tf.device("/job:ps"):
            v1 = tf.Variable(1.0)
        with tf.device("/cpu:0"):
            v2 = tf.Variable(1.0)
            c1 = tf.constant(1.0)
        v3 = tf.Variable(1.0)
        c2 = tf.constant(1.0)
    assert (v1.device, v2.device, v3.device) == ("/job:ps", "/device:CPU:0", "/job:ps/task:0")
    assert (c1.op.device, c2.op.device) == ("/device:CPU:0", "/job:worker")


def test_ps_and_worker_devices_with_fields():
    setter = replica_device_setter(ps_tasks=2, ps_device="/job:ps/cpu:0",
                                   worker_device="/job:worker/task:1/gpu:0")
    with tf.device(setter):
        v1 = tf.Variable(1.0)
        c1 = tf.constant(1.0)
        with tf.device("/gpu:1"):
            v2 = tf.Variable(1.0)
            c2 = tf.constant(1.0)
    assert (v1.device, c1.op.device) == ("/job:ps/task:0/device:CPU:0",
                                         "/job:worker/task:1/device:GPU:0")
    assert (v2.device, c2.op.device) == ("/job:ps/task:1/device:GPU:1",
                                         "/job:worker/task:1/device:GPU:1")
    with tf.device(replica_device_setter(ps_tasks=2, ps_device=None, worker_device=None)):
        assert tf.Variable(1.0).device == ""
        assert tf.constant(1.0).op.device == ""
    # varflow also accepts a DeviceSpec (TF 2.21 fails on it)
    with tf.device(replica_device_setter(ps_tasks=2, ps_device=tf.DeviceSpec(job="ps"))):
        assert tf.Variable(1.0).device == "/job:ps/task:0"


def test_ps_ops_override():
    with tf.device(replica_device_setter(ps_tasks=2, ps_ops=["Const"])):
        c1, c2 = tf.constant(1.0), tf.constant(2.0)
        v = tf.Variable(1.0)
    assert (c1.op.device, c2.op.device) == ("/job:ps/task:0", "/job:ps/task:1")
    assert v.device == "/job:worker"
    with tf.device(replica_device_setter(ps_tasks=2, ps_ops=[])):
        assert tf.get_variable("b", [1]).device == "/job:worker"


def test_resource_variables_round_robin():
    with tf.device(replica_device_setter(ps_tasks=2)):
        v1 = tf.get_variable("r1", [2], use_resource=True)
        v2 = tf.get_variable("r2", [2], use_resource=True)
    assert (v1.op.type, v1.device, v2.device) == ("VarHandleOp", "/job:ps/task:0",
                                                  "/job:ps/task:1")


def test_custom_strategy_called_once_per_ps_op():
    calls = []

    def fixed(op):
        calls.append(op.name)
        return 2

    with tf.device(replica_device_setter(ps_tasks=3, ps_strategy=fixed)):
        devices = [tf.get_variable("f%d" % i, [1]).device for i in range(2)]
        tf.add(1.0, 2.0, name="not_a_variable")
    assert devices == ["/job:ps/task:2", "/job:ps/task:2"]
    assert calls == ["f0", "f1"]


def test_greedy_load_balancing_by_byte_size():
    strategy = GreedyLoadBalancingStrategy(2, byte_size_load_fn)
    sizes = [[100], [10], [10], [200], [50], [1]]
    with tf.device(replica_device_setter(ps_tasks=2, ps_strategy=strategy)):
        devices = [tf.get_variable("g%d" % i, s).device for i, s in enumerate(sizes)]
        tf.get_variable("g_f64", [25], dtype=tf.float64)
        tf.constant(1.0)  # not a ps op: adds no load
    assert devices == ["/job:ps/task:0", "/job:ps/task:1", "/job:ps/task:1", "/job:ps/task:1",
                       "/job:ps/task:0", "/job:ps/task:0"]
    assert list(strategy._ps_loads) == [804, 880]


def test_greedy_counts_resource_variables_by_their_attrs():
    strategy = GreedyLoadBalancingStrategy(2, byte_size_load_fn)
    with tf.device(replica_device_setter(ps_tasks=2, ps_strategy=strategy)):
        a = tf.get_variable("a", [100], use_resource=True)
        b = tf.get_variable("b", [10, 2], use_resource=True)
        c = tf.get_variable("c", [], use_resource=True)
    assert (a.device, b.device, c.device) == ("/job:ps/task:0", "/job:ps/task:1",
                                              "/job:ps/task:1")
    assert list(strategy._ps_loads) == [400, 84]


def test_byte_size_load_fn():
    v = tf.Variable(tf.zeros([3, 4], dtype=tf.float64))
    assert byte_size_load_fn(v.op) == 96
    assert byte_size_load_fn(tf.Variable(1).op) == 4
    assert byte_size_load_fn(tf.constant([1.0, 2.0, 3.0]).op) == 12  # single output fallback
    with pytest.raises(ValueError):
        byte_size_load_fn(tf.Variable(tf.zeros([2]), validate_shape=False).op)
    x = tf.placeholder(tf.float32, [None, 3])
    with pytest.raises(ValueError):
        byte_size_load_fn(tf.identity(x).op)


def test_colocation_overrides_device_functions():
    with tf.device(replica_device_setter(ps_tasks=2)):
        v = tf.Variable([1.0, 2.0], name="v")
        w = tf.Variable([1.0, 2.0], name="w")
        u = tf.assign_add(v, [1.0, 1.0])
        with tf.device("/cpu:0"):
            u2 = tf.assign_add(w, [1.0, 1.0], name="u2")
        with tf.colocate_with(w.op):
            c1 = tf.constant(1.0, name="c1")
            with tf.device("/cpu:0"):
                c2 = tf.constant(1.0, name="c2")
    assert (u.op.device, u2.op.device) == ("/job:ps/task:0", "/job:ps/task:1")
    assert u2.op.inputs[1].op.device == "/job:worker/device:CPU:0"
    assert u.op.colocation_groups() == [b"loc:@v"]
    assert (c1.op.device, c2.op.device) == ("/job:ps/task:1", "/job:ps/task:1")
    assert c1.op.colocation_groups() == [b"loc:@w"]


def test_ref_input_colocation_without_devices():
    v = tf.Variable([1.0], name="v")
    with tf.device("/cpu:0"):
        a = tf.assign(v, [2.0])
    assert a.op.device == "" and a.op.colocation_groups() == [b"loc:@v"]
    with tf.device("/job:a"):
        w = tf.Variable([1.0], name="w")
    with tf.device("/cpu:0"):
        assert tf.assign(w, [2.0]).op.device == "/job:a"
        with tf.colocate_with(v):
            b = tf.assign(w, [2.0])
        with tf.colocate_with(w):
            with tf.colocate_with(v):
                d = tf.constant(1.0)
            with tf.device(lambda op: "/job:zz"):
                e = tf.constant(1.0)
    assert (b.op.device, b.op.colocation_groups()) == ("/job:a", [b"loc:@v", b"loc:@w"])
    assert (d.op.device, d.op.colocation_groups()) == ("/job:a", [b"loc:@v", b"loc:@w"])
    assert e.op.device == "/job:a"
    with tf.colocate_with(v):
        with tf.device(lambda op: "/job:zz"):
            assert tf.constant(1.0).op.device == "/job:zz"


def test_device_function_result_used_as_returned():
    setter = replica_device_setter(ps_tasks=2)
    g = tf.get_default_graph()
    with tf.device(setter):
        v = tf.Variable(1.0)
    # a direct call draws the next task (1), but the op's own task:0 wins the merge
    assert setter(v.op) == "/job:ps/task:0"
    assert setter(tf.Variable(2.0).op) == "/job:ps/task:0"
    with g.device(lambda op: "/cpu:0"):
        assert tf.constant(1.0).op.device == "/cpu:0"
