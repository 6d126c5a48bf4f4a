"""Gradients of shape and indexing ops and of the training staples as TF builds them: Transpose by
InvertPermutation, ConcatV2 by ConcatOffset + Slices (Consts, or a ShapeN for unknown dims), Slice
by Pad, Pad by Slice, Tile by a reshape to (multiple, dim) pairs, Reshape back with -1 for one
unknown dim, StridedSliceGrad with its static arguments as Consts, GatherV2 along axis 0 (Shape,
Size, ExpandDims, concat) and along axis 1 (transpose, UnsortedSegmentSum), Prod (cumprods), the softmax cross entropy's Rank/Shape/Slice/concat flattening, Conv2D's
ShapeN, pools, MatMul, BiasAdd; in one training step with static and with dynamic batch."""
import numpy as np


def _ops(graph):
    return [[op.name, op.type, [t.name for t in op.inputs],
             [o.shape.as_list() if o.shape.ndims is not None else None for o in op.outputs],
             sorted(c.name for c in op.control_inputs)] for op in graph.get_operations()]


def _shapes_and_indexing(tf, batch):
    a = tf.placeholder(tf.float32, [batch, 3], name="a")
    b = tf.placeholder(tf.float32, [batch, 3], name="b")
    ys = {"transpose": tf.transpose(a), "expand": tf.expand_dims(a, 1),
          "squeeze": tf.squeeze(tf.expand_dims(a, 1), [1]), "reshape": tf.reshape(a, [-1]),
          "concat": tf.concat([a, b], 1), "stack": tf.stack([a, b]), "unstack": tf.unstack(a, axis=1)[0],
          "slice": a[:, 1:], "tslice": tf.slice(a, [0, 1], [-1, 2]), "tile": tf.tile(a, [2, 1]),
          "pad": tf.pad(a, [[1, 1], [0, 2]]), "where": tf.where(a > 0.5, a, b),
          "l2loss": tf.nn.l2_loss(a), "addn": tf.add_n([a, b, a]), "cumsum": tf.cumsum(a, 1),
          "gather": tf.gather(a, [0, 0, 1]), "matmul": tf.matmul(a, b, transpose_b=True),
          "matmul_t": tf.matmul(a, b, transpose_a=True), "biasadd": tf.nn.bias_add(a, b[0]),
          "split": tf.split(a, 3, 1)[1], "clip": tf.clip_by_value(a, 0.2, 0.6),
          "xent": tf.nn.softmax_cross_entropy_with_logits_v2(labels=b, logits=a),
          "sxent": tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([0, 1]), logits=a),
          "sigx": tf.nn.sigmoid_cross_entropy_with_logits(labels=b, logits=a),
          "lse": tf.reduce_logsumexp(a, 1), "norm": tf.norm(a), "l2n": tf.nn.l2_normalize(a, 1),
          "prod": tf.reduce_prod(a, 1), "prod_all": tf.reduce_prod(a)}
    if batch is not None:       # (with an unknown batch TF's shape inference keeps less of it)
        ys["gather1"] = tf.gather(a, [0, 2], axis=1)
    grads = {}
    for k, y in ys.items():
        with tf.name_scope(k):
            grads[k] = [g for g in tf.gradients(y, [a, b]) if g is not None]
    return {a: np.array([[0.1, 0.9, 0.4], [0.6, 0.3, 0.8]]), b: np.array([[0.5, 0.2, 0.7], [0.3, 0.6, 0.1]])}, grads


def _training_step(tf, batch):
    x = tf.placeholder(tf.float32, [batch, 6, 6, 1], name="x")
    y = tf.placeholder(tf.int64, [batch], name="y")
    w = tf.get_variable("w", [3, 3, 1, 2], initializer=tf.constant_initializer(0.1))
    b = tf.get_variable("b", [2], initializer=tf.zeros_initializer())
    h = tf.nn.relu(tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME") + b)
    p = tf.nn.max_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], "VALID") + tf.nn.avg_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    f = tf.reshape(p, [-1, 18])
    w2 = tf.get_variable("w2", [18, 3], initializer=tf.constant_initializer(0.05))
    logits = tf.matmul(f, w2)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)) \
        + 0.01 * tf.nn.l2_loss(w2)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    feed = {x: np.arange(72, dtype=np.float32).reshape(2, 6, 6, 1) % 5 / 5.0, y: [0, 2]}
    return feed, train, loss


def case(tf):
    obs = {}
    for batch in (2, None):
        key = "static" if batch else "dynamic"
        g = tf.Graph()
        with g.as_default():
            feed, grads = _shapes_and_indexing(tf, batch)
            with tf.Session() as sess:
                vals = sess.run(grads, feed)
            obs[key + "_sums"] = {k: [float(np.sum(getattr(v, "values", v))) for v in vs]
                                  for k, vs in vals.items()}
        obs[key + "_ops"] = _ops(g)
        g = tf.Graph()
        with g.as_default():
            feed, train, loss = _training_step(tf, batch)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                losses = [float(sess.run([train, loss], feed)[1]) for _ in range(3)]
            obs[key + "_losses"] = losses
        obs[key + "_train_ops"] = [o for o in _ops(g) if "group_deps" not in o[0]]
    return obs
