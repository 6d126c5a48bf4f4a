def case(tf):
    """The cross-entropy gradients use the op's backprop output alone (no softmax recomputed)
    when nothing differentiates that output; names as TF's (`..._grad/mul`, `L2Loss_grad/mul`)."""
    logits = tf.constant([[1.0, 2.0, 0.5], [0.1, 0.2, 3.0]])
    w = tf.constant([1.0, -2.0])
    labels = tf.constant([1, 2])
    dense_labels = tf.constant([[0.0, 1.0, 0.0], [0.2, 0.3, 0.5]])
    sparse = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    dense = tf.nn.softmax_cross_entropy_with_logits_v2(labels=dense_labels, logits=logits)
    loss = tf.reduce_sum(sparse) + tf.reduce_sum(dense) + tf.nn.l2_loss(w)
    grads = tf.gradients(loss, [logits, w, dense_labels])
    wanted = ("SparseSoftmaxCrossEntropyWithLogits_grad", "softmax_cross_entropy_with_logits_grad",
              "L2Loss_grad")
    ops = [(op.name, op.type) for op in tf.get_default_graph().get_operations()
           if any(key in op.name for key in wanted)]
    with tf.Session() as sess:
        values = sess.run(grads)
    return {"ops": ops, "grads": [v.tolist() for v in values]}
