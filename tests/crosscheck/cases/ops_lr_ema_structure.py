"""Learning-rate schedules (exponential, piecewise constant, polynomial with cycle, cosine and
restarts, linear and noisy-linear cosine, inverse time, natural exp with its Python rate negated
by a `Neg` of `Neg/x`) and tf.train.ExponentialMovingAverage.apply (num_updates, zero_debias) as TF
builds them; an assign's output feeds arithmetic directly (no Identity)."""
import numpy as np


def _ops(graph):
    return [[op.name, op.type, [t.name for t in op.inputs],
             [o.shape.as_list() if o.shape.ndims is not None else None for o in op.outputs],
             sorted(c.name for c in op.control_inputs)] for op in graph.get_operations()]


def case(tf):
    obs = {}
    g = tf.Graph()
    with g.as_default():
        gs = tf.train.get_or_create_global_step()
        lr = tf.placeholder(tf.float32, [], name="lr")
        outs = {"exp": tf.train.exponential_decay(0.1, gs, 100, 0.96, staircase=True),
                "exp2": tf.train.exponential_decay(lr, gs, 100, 0.96, name="e"),
                "pc": tf.train.piecewise_constant(gs, [10, 20], [1.0, 0.5, 0.1]),
                "pc2": tf.train.piecewise_constant(tf.cast(gs, tf.int32), [10], [1, 2], name="pw"),
                "poly": tf.train.polynomial_decay(0.1, gs, 1000, 0.01, power=0.5),
                "poly2": tf.train.polynomial_decay(lr, gs, 1000, cycle=True),
                "cos": tf.train.cosine_decay(lr, gs, 1000, alpha=0.1),
                "cosr": tf.train.cosine_decay_restarts(0.1, gs, 100),
                "lin": tf.train.linear_cosine_decay(0.1, gs, 100),
                "nlin": tf.train.noisy_linear_cosine_decay(0.1, gs, 100) * 0,
                "inv": tf.train.inverse_time_decay(lr, gs, 100, 0.5, staircase=True),
                "nat": tf.train.natural_exp_decay(0.1, gs, 100, 0.5, staircase=True)}
        step = tf.assign_add(gs, 250)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(step)
            vals = sess.run(outs, {lr: 0.2})
        obs["lr_values"] = {k: float(v) for k, v in vals.items()}
    obs["lr_ops"] = _ops(g)
    g = tf.Graph()
    with g.as_default():
        v = tf.get_variable("v", [3], initializer=tf.ones_initializer())
        w = tf.get_variable("w", [], initializer=tf.zeros_initializer())
        gs = tf.train.get_or_create_global_step()
        ema = tf.train.ExponentialMovingAverage(0.99, num_updates=gs)
        op = ema.apply([v, w])
        ema2 = tf.train.ExponentialMovingAverage(0.9, zero_debias=True)
        t = tf.identity(v * 2.0, name="t")
        op2 = ema2.apply([t])
        counter = tf.get_variable("counter", [], initializer=tf.zeros_initializer())
        bumped = tf.assign_add(counter, 1.0) * 2.0 + tf.sqrt(tf.assign_add(counter, 1.0))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(3):
                sess.run([op, op2])
            obs["ema_values"] = [np.round(np.asarray(x, np.float64), 5).tolist()
                                 for x in sess.run([ema.average(v), ema.average(w), ema2.average(t)])]
            obs["bumped"] = float(sess.run(bumped))
    obs["ema_ops"] = _ops(g)
    return obs
