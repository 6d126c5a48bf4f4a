"""Static shapes computed from small constant integer expressions, as TF's shape inference folds
them: reshape/zeros/fill/tile/broadcast_to with stacked or concatenated shape tensors, slices with
constant tensor bounds (x[c:c + 1]), one_hot depth c + 1, range(c * 3), pad with a stacked
paddings tensor, reduce / expand_dims with computed axes, split with tensor sizes, and shapes
that stay unknown when a placeholder is involved."""


def case(tf):
    x = tf.ones([4, 6])
    c = tf.constant(2)
    p = tf.placeholder(tf.int32, [])
    exprs = {
        "reshape_stack": tf.reshape(x, tf.stack([c, -1])), "reshape_mul": tf.reshape(x, tf.stack([c * 2, 6])),
        "reshape_concat": tf.reshape(x, tf.concat([[3], [8]], 0)), "slice_c": x[c:c + 1],
        "slice_c2": x[:, c - 1:], "zeros": tf.zeros(tf.stack([c, 3])), "fill": tf.fill(tf.stack([c + 1, 2]), 1.0),
        "tile": tf.tile(x, tf.stack([c, 1])), "range": tf.range(c * 3), "one_hot": tf.one_hot([1, 2], c + 1),
        "reshape_shape_mul": tf.reshape(x, [tf.shape(x)[0] * 2, -1]), "slice_fn": tf.slice(x, [0, c], [2, -1]),
        "pad": tf.pad(x, tf.stack([[c, 0], [0, 1]])), "reduce": tf.reduce_sum(x, c - 1),
        "expand": tf.expand_dims(x, c), "split": tf.split(x, [c, 2], 0)[0],
        "bcast": tf.broadcast_to(x, tf.stack([c, 4, 6])), "reshape_cast": tf.reshape(x, tf.cast(tf.stack([c, 12]), tf.int64)),
        "ph_reshape": tf.reshape(x, tf.stack([p, -1])), "ph_slice": x[p:p + 1], "ph_range": tf.range(p * 2),
        "ph_zeros": tf.zeros(tf.stack([p, 3])), "ph_one_hot": tf.one_hot([1, 2], p + 1),
        "ph_tile": tf.tile(x, tf.stack([p, 1])),
    }
    obs = {"shapes": {k: str(e.shape) for k, e in exprs.items()}}
    with tf.Session() as sess:
        vals = sess.run({k: tf.shape(e) for k, e in exprs.items()}, {p: 1})
    obs["run_shapes"] = {k: v.tolist() for k, v in vals.items()}
    return obs
