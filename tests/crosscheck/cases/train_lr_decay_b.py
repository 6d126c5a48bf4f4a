"""Learning-rate schedules, part 2: natural_exp_decay, inverse_time_decay (staircase), cosine_decay
(alpha), cosine_decay_restarts (t_mul, m_mul), linear_cosine_decay, noisy_linear_cosine_decay (range
only); values at several steps and names/dtypes; float64 learning rates."""


def case(tf):
    obs = {}
    step = tf.placeholder(tf.int32, [], name="step")
    ne = tf.train.natural_exp_decay(0.1, step, 5, 0.5)
    nes = tf.train.natural_exp_decay(0.1, step, 5, 0.5, staircase=True)
    it = tf.train.inverse_time_decay(0.1, step, 5, 0.5)
    its = tf.train.inverse_time_decay(0.1, step, 5, 0.5, staircase=True)
    cd = tf.train.cosine_decay(0.1, step, 20)
    cda = tf.train.cosine_decay(0.1, step, 20, alpha=0.2)
    cdr = tf.train.cosine_decay_restarts(0.1, step, 5)
    cdr2 = tf.train.cosine_decay_restarts(0.1, step, 4, t_mul=1.5, m_mul=0.5, alpha=0.1)
    lc = tf.train.linear_cosine_decay(0.1, step, 20)
    lc2 = tf.train.linear_cosine_decay(0.1, step, 20, num_periods=2.0, alpha=0.1, beta=0.01)
    nlc = tf.train.noisy_linear_cosine_decay(0.1, step, 20)
    ed64 = tf.train.exponential_decay(tf.constant(0.1, tf.float64), step, 5, 0.5)
    all_t = [ne, nes, it, its, cd, cda, cdr, cdr2, lc, lc2]
    obs["names"] = [t.name for t in all_t + [nlc]]
    obs["dtypes"] = [t.dtype.name for t in all_t] + [ed64.dtype.name]
    obs["shapes"] = [t.shape.as_list() for t in all_t]
    vals = {}
    noisy = []
    with tf.Session() as sess:
        for s in (0, 1, 3, 5, 7, 10, 13, 19, 20, 27, 40):
            vals[str(s)] = [float(v) for v in sess.run(all_t + [ed64], {step: s})]
            noisy.append(float(sess.run(nlc, {step: s})))
    obs["vals"] = vals
    obs["noisy_in_range"] = all(-0.2 < v < 0.4 for v in noisy)
    obs["_tol"] = 1e-5
    return obs
