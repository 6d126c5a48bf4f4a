"""DeviceSpec parsing, merging and TF's canonical spelling."""
import pytest

import varflow as tf
from varflow.framework import device as device_lib


@pytest.mark.parametrize("spec,canon", [
    ("/gpu:1", "/device:GPU:1"), ("/cpu:0", "/device:CPU:0"), ("gpu:0", "/device:GPU:0"),
    ("/GPU:0", "/device:GPU:0"), ("/device:gpu:2", "/device:GPU:2"), ("/device:GPU:*", "/device:GPU:*"),
    ("/job:ps/task:0", "/job:ps/task:0"), ("", ""),
    ("/job:worker/replica:1/task:2/device:CPU:3", "/job:worker/replica:1/task:2/device:CPU:3")])
def test_canonical_names(spec, canon):
    assert device_lib.canonical_name(spec) == canon


def test_device_spec_fields_and_to_string():
    s = tf.DeviceSpec.from_string("/job:ps/task:1/device:GPU:2")
    assert (s.job, s.task, s.device_type, s.device_index, s.replica) == ("ps", 1, "GPU", 2, None)
    assert s.to_string() == "/job:ps/task:1/device:GPU:2"
    assert tf.DeviceSpec(job="w", device_type="cpu", device_index=0).to_string() == "/job:w/device:CPU:0"


def test_merging():
    s = tf.DeviceSpec.from_string("/job:ps/task:1")
    assert s.make_merged_spec(tf.DeviceSpec.from_string("/gpu:0")).to_string() == \
        "/job:ps/task:1/device:GPU:0"
    assert s.to_string() == "/job:ps/task:1"                 # unchanged
    merged = s.copy()
    merged.merge_from(tf.DeviceSpec.from_string("/job:worker"))
    assert merged.to_string() == "/job:worker/task:1"


def test_bad_spec():
    with pytest.raises(ValueError, match="Unknown attribute 'foo' is encountered"):
        tf.DeviceSpec.from_string("/foo:1")


def test_device_scopes_nest_clear_and_decorate():
    g = tf.Graph()
    with g.as_default():
        @tf.device("/cpu:0")
        def on_cpu(name):
            return tf.constant(1.0, name=name)

        with tf.device("/job:ps/task:1"):
            a = on_cpu("a")
            with tf.device(None):
                b = tf.constant(2.0, name="b")
        assert a.device == "/job:ps/task:1/device:CPU:0" and b.device == ""
        assert on_cpu("c").device == "/device:CPU:0"
        with pytest.raises(ValueError):
            with tf.device("/bogus:thing:0"):
                pass
        assert g._device_stack == []
