"""validate_shape: unknown-shaped initial values (placeholders) need validate_shape=False; the
variable's static shape is then unknown; Assign's attrs; set_shape; assign of another shape."""
import numpy as np


def case(tf):
    obs = {}
    p = tf.placeholder(tf.float32, [None, 3], name="p")
    try:
        tf.Variable(p, name="bad")
        obs["unknown_validate"] = "ok"
    except Exception as e:
        obs["unknown_validate"] = type(e).__name__
    v = tf.Variable(p, validate_shape=False, name="v")
    obs["v_shape"] = str(v.shape)
    obs["v_ndims"] = v.shape.ndims
    obs["v_dtype"] = v.dtype.name
    obs["assign_validate"] = v.initializer.get_attr("validate_shape")
    obs["assign_locking"] = v.initializer.get_attr("use_locking")
    w = tf.Variable(tf.zeros([2]), validate_shape=False, name="w")
    obs["w_shape"] = str(w.shape)
    x = tf.Variable(tf.zeros([2]), name="x")
    obs["x_assign_validate"] = x.initializer.get_attr("validate_shape")
    a1 = tf.assign(w, [1.0, 2.0, 3.0], validate_shape=False)
    obs["a1_shape"] = str(a1.shape)
    try:
        x.assign([1.0, 2.0, 3.0])
        obs["x_bad_assign"] = "ok"
    except Exception as e:
        obs["x_bad_assign"] = type(e).__name__
    with tf.Session() as s:
        s.run(v.initializer, {p: np.ones([2, 3])})
        obs["v_val"] = s.run(v).tolist()
        s.run(w.initializer)
        s.run(a1)
        obs["w_val"] = s.run(w).tolist()
    r = tf.Variable(p, validate_shape=False, use_resource=True, name="r")
    obs["r_shape"] = str(r.shape)
    obs["r_init_type"] = r.initializer.type
    return obs
