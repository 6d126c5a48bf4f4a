"""tf.parse_example / tf.parse_single_example: FixedLenFeature (defaults, shapes), VarLenFeature
(SparseTensor), FixedLenSequenceFeature; output names, shapes, dtypes, values; run-time and build errors."""
import numpy as np


def _ex(tf, **features):
    feats = {}
    for key, v in features.items():
        if isinstance(v[0], float):
            feats[key] = tf.train.Feature(float_list=tf.train.FloatList(value=v))
        elif isinstance(v[0], int):
            feats[key] = tf.train.Feature(int64_list=tf.train.Int64List(value=v))
        else:
            feats[key] = tf.train.Feature(bytes_list=tf.train.BytesList(value=v))
    return tf.train.Example(features=tf.train.Features(feature=feats)).SerializeToString()


def _describe(out):
    desc = {}
    for key, t in out.items():
        if isinstance(t, tf_sparse_types()):
            desc[key] = ["sparse", t.indices.name, str(t.indices.shape), t.values.name, t.values.dtype.name,
                         str(t.dense_shape.shape)]
        else:
            desc[key] = [t.name, str(t.shape), t.dtype.name]
    return desc


def tf_sparse_types():
    return _SPARSE


def case(tf):
    global _SPARSE
    _SPARSE = tf.SparseTensor
    spec = {"a": tf.FixedLenFeature([2], tf.float32),
            "b": tf.VarLenFeature(tf.int64),
            "c": tf.FixedLenFeature([], tf.string, default_value="none"),
            "d": tf.FixedLenFeature([2, 2], tf.int64, default_value=[[1, 2], [3, 4]]),
            "s": tf.FixedLenSequenceFeature([], tf.float32, allow_missing=True, default_value=-1.0)}
    batch = tf.placeholder(tf.string, [None])
    out = tf.parse_example(batch, spec)
    one = tf.placeholder(tf.string, [])
    single = tf.parse_single_example(one, {"a": tf.FixedLenFeature([2], tf.float32),
                                           "b": tf.VarLenFeature(tf.string)}, name="single")
    obs = {"batch": _describe(out), "single": _describe(single), "order": list(out)}
    obs["ops"] = sorted(op.type for op in tf.get_default_graph().get_operations())
    records = [_ex(tf, a=[1.0, 2.0], b=[5, 6, 7], s=[0.5, 1.5]),
               _ex(tf, a=[3.0, 4.0], c=[b"cat"], d=[9, 8, 7, 6]),
               _ex(tf, a=[5.0, 6.0], b=[1], s=[2.5])]
    with tf.Session() as sess:
        got = sess.run(out, {batch: records})
        obs["values"] = {k: (list(v) if isinstance(v, tuple) else v) for k, v in got.items()}
        obs["dtypes"] = {k: np.asarray(v).dtype.name for k, v in got.items() if not isinstance(v, tuple)}
        one_got = sess.run(single, {one: _ex(tf, a=[7.0, 8.0], b=[b"x", b"yz"])})
        obs["single_values"] = {k: (list(v) if isinstance(v, tuple) else v) for k, v in one_got.items()}
        errors = {}
        for key, feed in [("missing", [_ex(tf, b=[1])]), ("wrong_type", [_ex(tf, a=[1, 2])]),
                          ("wrong_size", [_ex(tf, a=[1.0])]), ("sparse_type", [_ex(tf, a=[1.0, 2.0], b=[b"q"])]),
                          ("garbage", [b"\x07garbage"])]:
            try:
                sess.run(out, {batch: feed})
                errors[key] = "no error"
            except Exception as e:
                errors[key] = type(e).__name__
        obs["errors"] = errors
    build = {}
    for key, bad in [("empty", {}), ("no_shape", {"a": tf.FixedLenFeature(None, tf.float32)}),
                     ("bad_dtype", {"a": tf.VarLenFeature(tf.int32)}),
                     ("seq_not_missing", {"a": tf.FixedLenSequenceFeature([], tf.int64)}),
                     ("not_a_feature", {"a": 3}),
                     ("bad_default", {"a": tf.FixedLenFeature([2], tf.float32, default_value=[1.0, 2.0, 3.0])})]:
        try:
            tf.parse_example(batch, bad)
            build[key] = "no error"
        except Exception as e:
            build[key] = type(e).__name__
    obs["build_errors"] = build
    return obs
