"""orthogonal_initializer (square, tall, wide, 4-D, gain) gives orthonormal rows/columns;
identity initializer (gain, non-square, 1-D error); errors for 1-D orthogonal."""
import numpy as np


def case(tf):
    obs = {"_tol": 1e-4}
    shapes = {"square": [4, 4], "tall": [6, 3], "wide": [3, 6], "conv": [2, 2, 3, 5]}
    tensors = {k: tf.orthogonal_initializer(gain=2.0)(v) for k, v in shapes.items()}
    with tf.Session() as s:
        vals = s.run(tensors)
        for k, v in vals.items():
            m = v.reshape(-1, v.shape[-1]) / 2.0
            gram = m.T @ m if m.shape[0] >= m.shape[1] else m @ m.T
            obs[k] = {"shape": list(v.shape), "orthonormal": bool(np.allclose(gram, np.eye(gram.shape[0]), atol=1e-4))}
        obs["identity"] = s.run(tf.initializers.identity(gain=3.0)([2, 3])).tolist()
        obs["identity_tall"] = s.run(tf.initializers.identity()([3, 2], dtype=tf.float64)).tolist()
    for label, fn in {"ortho_1d": lambda: tf.orthogonal_initializer()([4]),
                      "identity_1d": lambda: tf.initializers.identity()([3]),
                      "identity_3d": lambda: tf.initializers.identity()([2, 2, 2]),
                      "ortho_int": lambda: tf.orthogonal_initializer()([2, 2], dtype=tf.int32)}.items():
        try:
            fn()
            obs[label] = "ok"
        except Exception as e:
            obs[label] = type(e).__name__
    v = tf.get_variable("o", [3, 3], initializer=tf.orthogonal_initializer())
    obs["var_init_name"] = v.initial_value.name
    obs["var_init_type"] = v.initial_value.op.type
    i = tf.get_variable("i", [2, 3], initializer=tf.initializers.identity(gain=0.5))
    obs["identity_var"] = [i.initial_value.name, i.initial_value.op.type, i.initial_value.shape.as_list()]
    with tf.Session() as s:
        s.run(i.initializer)
        obs["identity_var_value"] = s.run(i).tolist()
    return obs
