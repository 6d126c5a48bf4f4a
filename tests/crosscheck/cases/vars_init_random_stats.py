"""Random initializers' statistics and graph: random_uniform (minval/maxval, int dtype),
random_normal, truncated_normal (bounds), uniform_unit_scaling; op types of the initial value."""
import numpy as np


def _stats(x):
    x = np.asarray(x, dtype=np.float64)
    return {"mean": float(x.mean()), "std": float(x.std()), "min_ok": None, "shape": list(x.shape)}


def case(tf):
    obs = {"_tol": 0.05}
    tf.set_random_seed(1)
    inits = {
        "uniform": tf.random_uniform_initializer(-1.0, 1.0),
        "uniform_default": tf.random_uniform_initializer(),
        "normal": tf.random_normal_initializer(1.0, 2.0),
        "trunc": tf.truncated_normal_initializer(0.0, 1.0),
        "uus": tf.uniform_unit_scaling_initializer(1.5),
    }
    tensors = {k: init([200, 100]) for k, init in inits.items()}
    iu = tf.random_uniform_initializer(0, 10, dtype=tf.int32)([1000])
    # (uniform_default's graph is left out: varflow's random_uniform skips the scaling ops for
    # float bounds 0.0 and 1.0, where TF skips them only for the Python ints 0 and 1)
    obs["types"] = {k: [t.op.type, t.name, t.dtype.name] for k, t in tensors.items() if k != "uniform_default"}
    obs["int_uniform_type"] = [iu.op.type, iu.dtype.name]
    with tf.Session() as s:
        vals = s.run(tensors)
        ivals = s.run(iu)
    for k, v in vals.items():
        st = _stats(v)
        st["min_ok"] = bool(v.min() >= -10)
        obs[k] = st
    obs["uniform_bounds"] = [bool(vals["uniform"].min() >= -1.0), bool(vals["uniform"].max() < 1.0)]
    obs["uniform_default_bounds"] = [bool(vals["uniform_default"].min() >= 0.0), bool(vals["uniform_default"].max() < 1.0)]
    obs["trunc_bounds"] = bool(np.abs(vals["trunc"]).max() <= 2.0)
    lim = np.sqrt(3.0 / 200) * 1.5
    obs["uus_bounds"] = bool(np.abs(vals["uus"]).max() <= lim + 1e-6)
    obs["int_range"] = [bool(ivals.min() >= 0), bool(ivals.max() < 10), float(ivals.mean())]
    try:
        tf.random_uniform_initializer(0, None, dtype=tf.int32)([2])
        obs["int_no_max"] = "ok"
    except Exception as e:
        obs["int_no_max"] = type(e).__name__
    for label, fn in {"normal_ctor_int": lambda: tf.random_normal_initializer(dtype=tf.int32),
                      "trunc_ctor_int": lambda: tf.truncated_normal_initializer(dtype=tf.int64),
                      "uus_ctor_int": lambda: tf.uniform_unit_scaling_initializer(dtype=tf.int32),
                      "vs_ctor_int": lambda: tf.variance_scaling_initializer(dtype=tf.int32),
                      "ortho_ctor_int": lambda: tf.orthogonal_initializer(dtype=tf.int32),
                      "glorot_ctor_int": lambda: tf.glorot_uniform_initializer(dtype=tf.int32),
                      "uniform_ctor_int": lambda: tf.random_uniform_initializer(dtype=tf.int32),
                      "normal_call_int": lambda: tf.random_normal_initializer()([2], dtype=tf.int32),
                      "normal_call_bool": lambda: tf.random_normal_initializer()([2], dtype=tf.bool),
                      "uniform_call_int": lambda: tf.random_uniform_initializer()([2], dtype=tf.int32),
                      "uniform_call_int_max": lambda: tf.random_uniform_initializer(0, 5)([2], dtype=tf.int64),
                      "uniform_call_bool": lambda: tf.random_uniform_initializer()([2], dtype=tf.bool),
                      "uus_call_int": lambda: tf.uniform_unit_scaling_initializer()([2, 2], dtype=tf.int32),
                      "uus_call_str": lambda: tf.uniform_unit_scaling_initializer()([2, 2], dtype=tf.string),
                      "glorot_u_call_bool": lambda: tf.glorot_uniform_initializer()([2, 2], dtype=tf.bool),
                      "glorot_u_call_int": lambda: tf.glorot_uniform_initializer()([2, 2], dtype=tf.int64),
                      "glorot_n_call_bool": lambda: tf.glorot_normal_initializer()([2, 2], dtype=tf.bool),
                      "vs_call_f16": lambda: tf.variance_scaling_initializer()([2, 2], dtype=tf.float16),
                      "glorot_dtype_ignored": lambda: tf.glorot_uniform_initializer(dtype=tf.float64)([2, 2]),
                      }.items():
        try:
            r = fn()
            obs[label] = r.dtype.name if hasattr(r, "op") else type(r).__name__
        except Exception as e:
            obs[label] = type(e).__name__
    obs["configs"] = [tf.random_uniform_initializer().get_config(),
                      tf.variance_scaling_initializer(distribution="normal").get_config(),
                      tf.glorot_normal_initializer(seed=3).get_config(),
                      tf.truncated_normal_initializer(1.0, 2.0, seed=4).get_config(),
                      tf.constant_initializer(2.5).get_config(),
                      tf.zeros_initializer(dtype=tf.int32).get_config()]
    return obs
