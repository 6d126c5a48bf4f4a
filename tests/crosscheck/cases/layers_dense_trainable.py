"""trainable=False dense layers: collections (GLOBAL vs TRAINABLE), the layer's
trainable_weights/non_trainable_weights, and toggling layer.trainable after building."""


def case(tf):
    x = tf.placeholder(tf.float32, [None, 2])
    frozen = tf.layers.Dense(3, trainable=False, name="frozen")
    frozen(x)
    live = tf.layers.Dense(1, name="live")
    live(x)
    obs = {
        "global": [v.name for v in tf.global_variables()],
        "trainable": [v.name for v in tf.trainable_variables()],
        "model": [v.name for v in tf.model_variables()],
        "frozen_tw": [v.name for v in frozen.trainable_weights],
        "frozen_ntw": [v.name for v in frozen.non_trainable_weights],
        "frozen_w": [v.name for v in frozen.weights],
        "frozen_flag": frozen.trainable,
    }
    live.trainable = False
    obs["live_tw_after_toggle"] = [v.name for v in live.trainable_weights]
    obs["live_ntw_after_toggle"] = [v.name for v in live.non_trainable_weights]
    obs["trainable_coll_after_toggle"] = [v.name for v in tf.trainable_variables()]
    y = tf.layers.dense(x, 2, trainable=False, use_bias=False, name="f2")
    obs["f2"] = [v.name for v in tf.global_variables() if v.name.startswith("f2")]
    obs["f2_trainable"] = [v.name for v in tf.trainable_variables() if v.name.startswith("f2")]
    obs["y"] = y.name
    return obs
