"""Variables and their ops follow device scopes, device functions, caching_device and colocation."""
import pytest

import varflow as tf


def test_variable_ops_take_the_enclosing_device():
    with tf.device("/job:ps/task:1"):
        v = tf.get_variable("v", [2])
    assert v.device == "/job:ps/task:1"
    assert v.initializer.device == "/job:ps/task:1"
    assert v.value().device == "/job:ps/task:1"


def test_caching_device_places_the_read():
    with tf.device("/job:ps/task:0"):
        v = tf.get_variable("v", [2], caching_device="/job:worker/task:0")
    assert v.device == "/job:ps/task:0"
    assert v.value().device == "/job:worker/task:0"


def test_scope_caching_device_is_inherited():
    with tf.variable_scope("s", caching_device="/cpu:0"):
        v = tf.get_variable("v", [1])
    assert v.value().device == "/device:CPU:0"


def test_colocate_with_variable():
    with tf.device("/job:ps/task:2"):
        v = tf.Variable(1.0, name="v")
    with tf.device("/job:worker"):
        with tf.colocate_with(v.op):
            y = tf.identity(v, name="y")
    assert y.device == "/job:ps/task:2"
    assert y.op.colocation_groups() == [b"loc:@v"]


def test_resource_caching_device_caches_one_read_there():
    with tf.device("/job:ps/task:0"):
        r = tf.get_variable("r", [2], use_resource=True, caching_device="/job:worker/task:0")
    assert r.value() is r.value() and r.value().name == "r/Read/Identity:0"
    assert r.value().device == "/job:worker/task:0"
    assert r.op.outputs[0].consumers()[-1].device == "/job:ps/task:0"   # r/Read/ReadVariableOp


def test_device_function_returning_none_is_a_type_error():
    with pytest.raises(TypeError, match="returned None"):
        with tf.device(lambda op: None):
            tf.constant(1.0)


def test_device_function_for_variables_only():
    def only_variables(op):
        return "/job:ps/task:0" if op.type in ("VariableV2", "VarHandleOp") else ""

    with tf.device(only_variables):
        v = tf.get_variable("v", [1])
        y = v * 2.0
    assert v.device == "/job:ps/task:0" and y.device == ""


def test_log_device_placement_reports_and_soft_placement_runs_on_cpu(capfd):
    with tf.device("/gpu:0"):
        v = tf.get_variable("v", [1], initializer=tf.ones_initializer())
    config = tf.ConfigProto(allow_soft_placement=True, log_device_placement=True)
    with tf.Session(config=config) as sess:
        sess.run(v.initializer)
        assert sess.run(v).tolist() == [1.0]
    err = capfd.readouterr().err
    assert "v/Assign: (Assign): /job:localhost/replica:0/task:0/device:CPU:0" in err


def test_unknown_local_device_without_soft_placement_fails_clearly():
    with tf.device("/job:ps/task:0"):
        v = tf.get_variable("v", [1])
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="allow_soft_placement"):
            sess.run(v.initializer)


def test_gpu_placement_without_xla_names_the_devices_and_the_xla_switch():
    with tf.device("/device:GPU:0"):
        v = tf.get_variable("v", [1])
    with tf.Session() as sess:
        assert [d.name for d in sess.list_devices()] == ["/job:localhost/replica:0/task:0/device:CPU:0"]
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            sess.run(v.initializer)
    message = str(info.value)
    assert "available devices: /job:localhost/replica:0/task:0/device:CPU:0" in message
    assert "global_jit_level" in message and "allow_soft_placement" in message


def test_explicit_cpu_placements_run_locally():
    with tf.device("/cpu:0"):
        a = tf.constant(2.0) * 3
    with tf.device("/device:CPU:1"):
        b = tf.constant(1.0)
    with tf.Session() as sess:
        assert sess.run(a) == 6.0
        with pytest.raises(tf.errors.InvalidArgumentError, match="CPU:1"):
            sess.run(b)
