"""tf.Variable trainable= and collections= (list, tuple, set, string error), membership of the
global / trainable / local / model collections and custom collection names."""


def case(tf):
    obs = {}
    g = tf.get_default_graph()
    a = tf.Variable(1.0, name="a")
    b = tf.Variable(1.0, name="b", trainable=False)
    c = tf.Variable(1.0, name="c", collections=["mine"])
    d = tf.Variable(1.0, name="d", collections=("mine", tf.GraphKeys.LOCAL_VARIABLES), trainable=False)
    e = tf.Variable(1.0, name="e", collections=[tf.GraphKeys.MODEL_VARIABLES, tf.GraphKeys.GLOBAL_VARIABLES])
    f = tf.Variable(1.0, name="f", collections=[])
    h = tf.Variable(1.0, name="h", collections=[tf.GraphKeys.TRAINABLE_VARIABLES], trainable=True)
    for key in ("variables", "trainable_variables", "local_variables", "model_variables", "mine"):
        obs[key] = [v.name for v in g.get_collection(key)]
    obs["global_fn"] = [v.name for v in tf.global_variables()]
    obs["trainable_fn"] = [v.name for v in tf.trainable_variables()]
    obs["local_fn"] = [v.name for v in tf.local_variables()]
    obs["model_fn"] = [v.name for v in tf.model_variables()]
    obs["all_keys"] = sorted(g.get_all_collection_keys())
    obs["trainable_attr"] = [v.trainable for v in (a, b, c, d, e, f, h)]
    try:
        tf.Variable(1.0, name="s", collections="mine")
        obs["str_collections"] = "ok"
    except Exception as ex:
        obs["str_collections"] = type(ex).__name__
    try:
        tf.Variable(1.0, name="st", collections={"setcoll"})
        obs["set_collections"] = [v.name for v in g.get_collection("setcoll")]
    except Exception as ex:
        obs["set_collections"] = type(ex).__name__
    obs["after"] = sorted(g.get_all_collection_keys())
    return obs
