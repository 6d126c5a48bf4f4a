"""get_variable on partitioned variables with reuse (same object, shape mismatch, missing
partitioner, unpartitioned conflict), variable_axis_size_partitioner and
min_max_variable_partitioner shard counts, and partitioner errors."""


def _err(fn):
    try:
        r = fn()
        return [type(r).__name__, getattr(r, "name", None)]
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    part = tf.fixed_size_partitioner(2)
    with tf.variable_scope("s", partitioner=part):
        pv = tf.get_variable("w", [6, 2])
    with tf.variable_scope("s", reuse=True, partitioner=part):
        obs["reuse_same"] = tf.get_variable("w", [6, 2]) is pv
        obs["reuse_noshape"] = _err(lambda: tf.get_variable("w"))
        obs["reuse_bad_shape"] = _err(lambda: tf.get_variable("w", [5, 2]))
        obs["reuse_bad_dtype"] = _err(lambda: tf.get_variable("w", [6, 2], dtype=tf.float64))
    with tf.variable_scope("s", reuse=True):
        obs["reuse_no_partitioner"] = _err(lambda: tf.get_variable("w", [6, 2]))
        obs["reuse_part0"] = _err(lambda: tf.get_variable("w/part_0", [3, 2]))
    with tf.variable_scope("s", partitioner=part):
        obs["dup"] = _err(lambda: tf.get_variable("w", [6, 2]))
    with tf.variable_scope("s", reuse=True, partitioner=tf.fixed_size_partitioner(3)):
        obs["reuse_diff_parts"] = _err(lambda: tf.get_variable("w", [6, 2]))
    tf.get_variable("plain", [4, 2])
    obs["unpart_conflict"] = _err(lambda: tf.get_variable("plain", [4, 2], partitioner=part))
    obs["unknown_shape"] = _err(lambda: tf.get_variable("unk", [None, 2], partitioner=part))
    obs["bad_return"] = _err(lambda: tf.get_variable("badret", [4, 2], partitioner=lambda shape, dtype: [2]))
    obs["two_axes"] = _err(lambda: tf.get_variable("twoax", [4, 4], partitioner=lambda shape, dtype: [2, 2]))
    obs["zero"] = _err(lambda: tf.get_variable("zero", [4, 2], partitioner=lambda shape, dtype: [0, 1]))
    counts = {}
    for label, p, shape, dt in [
            ("axis_small", tf.variable_axis_size_partitioner(64), [100, 4], tf.float32),
            ("axis_big", tf.variable_axis_size_partitioner(1 << 20), [100, 4], tf.float32),
            ("axis_max", tf.variable_axis_size_partitioner(64, max_shards=3), [100, 4], tf.float32),
            ("axis_str", tf.variable_axis_size_partitioner(100, bytes_per_string_element=10), [50, 2], tf.string),
            ("minmax_default", tf.min_max_variable_partitioner(), [1000, 100], tf.float32),
            ("minmax_4", tf.min_max_variable_partitioner(max_partitions=4, min_slice_size=1024), [1000, 10], tf.float32),
            ("minmax_many", tf.min_max_variable_partitioner(max_partitions=100, min_slice_size=64), [10, 4], tf.float64)]:
        counts[label] = [int(x) for x in p(shape=tf.TensorShape(shape), dtype=dt)]
    obs["counts"] = counts
    for label, fn in {"axis_zero_bytes": lambda: tf.variable_axis_size_partitioner(0),
                      "axis_bad_max": lambda: tf.variable_axis_size_partitioner(10, max_shards=0)}.items():
        try:
            fn()
            obs[label] = "ok"
        except Exception as e:
            obs[label] = type(e).__name__
    with tf.variable_scope("mm", partitioner=tf.min_max_variable_partitioner(max_partitions=3, min_slice_size=16)):
        mm = tf.get_variable("v", [12, 2])
    obs["mm_parts"] = [[p.name, p.shape.as_list()] for p in mm]
    return obs
