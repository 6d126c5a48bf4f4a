def case(tf):
    """tf.sparse.expand_dims / eye / to_indicator / merge / reset_shape / mask (and tf.sparse_*
    spellings): the composite graphs TF builds (op names, types, inputs, static shapes), values,
    and build- and run-time error classes."""
    import numpy as np
    obs = {}
    graph = tf.get_default_graph()

    def new_ops(start):
        return [[op.name, op.type, [t.name for t in op.inputs], [str(t.shape) for t in op.outputs],
                 [c.name for c in op.control_inputs]] for op in graph.get_operations()[start:]]

    def n_ops():
        return len(graph.get_operations())

    def plain(v):
        if hasattr(v, "indices") and hasattr(v, "dense_shape") and hasattr(v.indices, "tolist"):
            shape = None if v.dense_shape is None else np.asarray(v.dense_shape).tolist()
            return [v.indices.tolist(), v.values.tolist(), shape]
        return np.asarray(v).tolist()

    def attempt(f):
        try:
            return plain(f())
        except Exception as e:
            return type(e).__name__

    def statics(v):
        if hasattr(v, "indices"):
            if v.dense_shape is None:       # (IndexedSlices without a dense shape)
                return [str(v.indices.shape), str(v.values.shape), None]
            return [str(v.indices.shape), str(v.values.shape), str(v.dense_shape.shape), str(v.shape)]
        return str(v.shape)

    sp = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], [1.0, -2.0, 3.0], [2, 3])
    ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0]], tf.constant([3, 0, 1, 3], tf.int64), [3, 2])
    ids32 = tf.SparseTensor([[0, 0], [1, 0]], tf.constant([1, 2], tf.int32), [2, 2])
    vals = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0]], [0.5, 0.25, 1.0, 2.0], [3, 2])
    slices = tf.IndexedSlices(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), tf.constant([0, 3, 5]),
                              tf.constant([7, 2]))
    axis_ph = tf.placeholder_with_default(1, [], name="axis")
    rows = tf.placeholder(tf.int32, [], name="rows")
    new_shape = tf.placeholder(tf.int64, [None], name="new_shape")
    sections = {}

    def build(key, f, shapes=True):
        start = n_ops()
        out = f()
        sections[key] = out
        obs.setdefault("ops", {})[key] = [o if shapes else o[:3] for o in new_ops(start)]

    build("expand_1", lambda: tf.sparse.expand_dims(sp, 1))
    build("expand_default", lambda: tf.sparse.expand_dims(sp))
    build("expand_0", lambda: tf.sparse.expand_dims(sp, 0, name="ed"))
    build("expand_neg", lambda: tf.sparse.expand_dims(sp, -3))
    build("expand_tensor", lambda: tf.sparse.expand_dims(sp, axis_ph), shapes=False)
    build("eye", lambda: tf.sparse.eye(3))
    build("eye_rect", lambda: tf.sparse.eye(2, 4, dtype=tf.int32, name="E"))
    build("eye_tensor", lambda: tf.sparse.eye(rows, tf.constant(3, tf.int64)))
    build("indicator", lambda: tf.sparse.to_indicator(ids, 4))
    build("indicator_v1", lambda: tf.sparse_to_indicator(ids32, tf.constant(5, tf.int64), name="ind"))
    build("merge", lambda: tf.sparse.merge(ids, vals, 4))
    build("merge_sorted", lambda: tf.sparse_merge(ids, vals, 4, already_sorted=True))
    build("merge_list", lambda: tf.sparse.merge([ids, ids], vals, [4, tf.constant(5, tf.int64)]))
    build("merge_int32", lambda: tf.sparse.merge(ids32, tf.SparseTensor([[0, 0], [1, 0]], [1.0, 2.0], [2, 2]), 3))
    build("reset", lambda: tf.sparse.reset_shape(sp, [3, 4]))
    build("reset_none", lambda: tf.sparse_reset_shape(sp))
    build("reset_tensor", lambda: tf.sparse.reset_shape(sp, new_shape))
    build("mask", lambda: tf.sparse.mask(slices, [3]))
    build("mask_named", lambda: tf.sparse_mask(tf.IndexedSlices(tf.constant([[1.0], [2.0]]), tf.constant([0, 3])),
                                               tf.constant([0, 7]), name="mm"))
    obs["static"] = {k: statics(v) for k, v in sections.items()}
    obs["mask_dense_shape_is_input"] = sections["mask"].dense_shape is slices.dense_shape
    obs["build_errors"] = {
        "expand_too_big": attempt(lambda: tf.sparse.expand_dims(sp, 3)),
        "expand_list_axis": attempt(lambda: tf.sparse.expand_dims(sp, [1])),
        "expand_unknown_rank": attempt(lambda: tf.sparse.expand_dims(tf.sparse_placeholder(tf.float32), 0)),
        "eye_negative": attempt(lambda: tf.sparse.eye(-1)),
        "indicator_dense": attempt(lambda: tf.sparse.to_indicator(tf.constant([1, 2]), 3)),
        "merge_list_int_vocab": attempt(lambda: tf.sparse.merge([ids, ids], vals, 4)),
        "merge_dense_values": attempt(lambda: tf.sparse.merge(ids, tf.constant([1.0]), 3)),
        "reset_smaller": attempt(lambda: tf.sparse.reset_shape(sp, [2, 2])),
        "reset_rank": attempt(lambda: tf.sparse.reset_shape(sp, [2, 2, 2])),
        "reset_matrix": attempt(lambda: tf.sparse.reset_shape(sp, [[3, 3]])),
        "reset_dense": attempt(lambda: tf.sparse.reset_shape(tf.constant([1.0]), [2])),
        "softmax_dense": attempt(lambda: tf.sparse.softmax(tf.constant([[1.0]]))),
        "maximum_dense": attempt(lambda: tf.sparse.maximum(tf.constant([[1.0]]), sp)),
    }
    with tf.Session() as sess:
        fetch = {k: v for k, v in sections.items() if k not in ("eye_tensor", "reset_tensor")}
        obs["values"] = {k: plain(v) for k, v in sess.run(fetch).items()}
        obs["fed"] = {
            "eye_tensor": plain(sess.run(sections["eye_tensor"], {rows: 2})),
            "reset_tensor": plain(sess.run(sections["reset_tensor"], {new_shape: [3, 5]})),
            "expand_axis_fed": plain(sess.run(sections["expand_tensor"], {axis_ph: -1})),
        }
        obs["run_errors"] = {
            "reset_smaller": attempt(lambda: sess.run(sections["reset_tensor"], {new_shape: [1, 5]})),
            "reset_rank": attempt(lambda: sess.run(sections["reset_tensor"], {new_shape: [3, 3, 3]})),
            "expand_too_small": attempt(lambda: sess.run(tf.sparse.expand_dims(sp, -4))),
            "expand_fed_too_big": attempt(lambda: sess.run(sections["expand_tensor"], {axis_ph: 5})),
            "indicator_oob": attempt(lambda: sess.run(tf.sparse.to_indicator(ids, 3))),
            "indicator_float": attempt(lambda: sess.run(tf.sparse.to_indicator(sp, 3))),
        }
        more = {
            "indicator_repeat": tf.sparse.to_indicator(
                tf.SparseTensor([[0, 0], [0, 1]], tf.constant([1, 1], tf.int64), [1, 2]), 3),
            "indicator_rank1": tf.sparse.to_indicator(tf.SparseTensor([[0]], tf.constant([1], tf.int64), [2]), 3),
            "indicator_3d": tf.sparse.to_indicator(
                tf.SparseTensor([[0, 1, 0], [1, 0, 1]], tf.constant([1, 2], tf.int64), [2, 2, 2]), 3),
            "merge_float_ids": tf.sparse.merge(vals, vals, 3),
            "eye_zero": tf.sparse.eye(0),
            "reset_empty": tf.sparse.reset_shape(tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0]), [2, 2])),
            "expand_empty": tf.sparse.expand_dims(tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0]), [2, 2]), 1),
            "mask_none": tf.sparse.mask(slices, tf.constant([], tf.int32)),
            "mask_all": tf.sparse.mask(slices, [5, 0, 3]),
        }
        obs["more_values"] = {k: plain(v) for k, v in sess.run(more).items()}
    return obs
