"""Random ops' static shapes, dtypes, op types and names (never values): random_normal/uniform
(int uniform needs maxval), truncated_normal, random_shuffle, multinomial/categorical,
random_gamma, random_poisson, random.stateless_*, random_crop, shapes from tensors/placeholders,
dtype errors; and loose statistics of large samples with a fixed graph seed."""
import numpy as np


def case(tf):
    tf.set_random_seed(1)
    obs = {"meta": {}, "errs": {}}
    builders = {
        "normal": lambda: tf.random_normal([3, 4]), "normal_f64": lambda: tf.random.normal([2], dtype=tf.float64),
        "uniform": lambda: tf.random_uniform([2, 3], -1, 1), "uniform_int": lambda: tf.random_uniform([5], 0, 10, tf.int32),
        "trunc": lambda: tf.truncated_normal([4]), "shuffle": lambda: tf.random_shuffle(tf.range(5)),
        "multinomial": lambda: tf.multinomial(tf.log([[0.5, 0.5]]), 4),
        "categorical": lambda: tf.random.categorical(tf.log([[0.5, 0.5], [0.1, 0.9]]), 3, dtype=tf.int32),
        "gamma": lambda: tf.random_gamma([2], [1.0, 2.0, 3.0]), "poisson": lambda: tf.random_poisson([1.0, 4.0], [3]),
        "st_normal": lambda: tf.random.stateless_normal([2, 2], seed=[1, 2]),
        "st_uniform": lambda: tf.random.stateless_uniform([3], seed=[1, 2]),
        "crop": lambda: tf.random_crop(tf.ones([5, 5, 3]), [2, 3, 3]),
        "ph_shape": lambda: tf.random_normal(tf.placeholder(tf.int32, [3])),
        "ph_shape_unk": lambda: tf.random_uniform(tf.placeholder(tf.int32)),
        "shape_tensor": lambda: tf.random_normal(tf.shape(tf.placeholder(tf.float32, [None, 3]))),
        "ph_crop": lambda: tf.random_crop(tf.placeholder(tf.float32, [None, 8]), [2, 4]),
    }
    for k, b in builders.items():
        try:
            t = b()
            obs["meta"][k] = [t.dtype.name, str(t.shape), t.op.type, t.name]
        except Exception as e:
            obs["errs"][k] = type(e).__name__
    for k, b in (("uniform_int_nomax", lambda: tf.random_uniform([2], dtype=tf.int32)),
                 ("normal_int", lambda: tf.random_normal([2], dtype=tf.int32)),
                 ("trunc_int", lambda: tf.truncated_normal([2], dtype=tf.int64)),
                 ("neg_shape", lambda: tf.random_normal([-2, 3])),
                 ("st_no_seed", lambda: tf.random.stateless_normal([2], seed=[1]))):
        try:
            b()
            obs["errs"][k] = "ok"
        except Exception as e:
            obs["errs"][k] = type(e).__name__
    big_n = tf.random_normal([20000], mean=2.0, stddev=3.0)
    big_u = tf.random_uniform([20000], 1.0, 5.0)
    big_t = tf.truncated_normal([20000], stddev=2.0)
    with tf.Session() as sess:
        n, u, t = sess.run([big_n, big_u, big_t])
        sh = sess.run(tf.random_shuffle(tf.range(10)))
    obs["stats"] = [float(n.mean()), float(n.std()), float(u.mean()), float(u.min() >= 1.0),
                    float(t.std()), float(np.abs(t).max() <= 4.0)]
    obs["shuffle_sorted"] = sorted(sh.tolist())
    obs["_tol"] = 0.1
    return obs
