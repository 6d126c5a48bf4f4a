"""Graph collections: add_to_collection(s), get_collection copies vs get_collection_ref,
scope filtering on non-variable items (objects with/without name), clear_collection, keys,
GraphKeys constants."""


class Named:
    def __init__(self, name):
        self.name = name


def case(tf):
    obs = {}
    g = tf.get_default_graph()
    tf.add_to_collection("c", 1)
    tf.add_to_collection("c", "two")
    tf.add_to_collections(["c", "d"], 3)
    tf.add_to_collections("e", 4)
    obs["c"] = tf.get_collection("c")
    obs["d"] = tf.get_collection("d")
    obs["e"] = tf.get_collection("e")
    obs["missing"] = tf.get_collection("nope")
    obs["keys_before_ref"] = sorted(g.get_all_collection_keys())
    ref = tf.get_collection_ref("f")
    obs["keys_after_ref"] = sorted(g.get_all_collection_keys())
    ref.append(5)
    obs["f"] = tf.get_collection("f")
    copy = tf.get_collection("c")
    copy.append(99)
    obs["c_after_copy_mutation"] = tf.get_collection("c")
    tf.add_to_collection("n", Named("scope/a"))
    tf.add_to_collection("n", Named("other/b"))
    tf.add_to_collection("n", 7)
    tf.add_to_collection("n", tf.constant(1.0, name="scope_c"))
    with tf.name_scope("scope"):
        tf.add_to_collection("n", tf.constant(1.0, name="k"))
    obs["n_scope"] = [x.name for x in tf.get_collection("n", "scope")]
    obs["n_scope_regex"] = [x.name for x in tf.get_collection("n", "s.*")]
    obs["n_all_len"] = len(tf.get_collection("n"))
    g.clear_collection("c")
    obs["after_clear"] = tf.get_collection("c")
    obs["keys_after_clear"] = sorted(g.get_all_collection_keys())
    keys = ["GLOBAL_VARIABLES", "LOCAL_VARIABLES", "MODEL_VARIABLES", "TRAINABLE_VARIABLES",
            "SUMMARIES", "QUEUE_RUNNERS", "TABLE_INITIALIZERS", "ASSET_FILEPATHS",
            "MOVING_AVERAGE_VARIABLES", "REGULARIZATION_LOSSES", "CONCATENATED_VARIABLES",
            "SAVERS", "WEIGHTS", "BIASES", "ACTIVATIONS", "UPDATE_OPS", "LOSSES",
            "SAVEABLE_OBJECTS", "RESOURCES", "LOCAL_RESOURCES", "TRAINABLE_RESOURCE_VARIABLES",
            "INIT_OP", "LOCAL_INIT_OP", "READY_OP", "READY_FOR_LOCAL_INIT_OP", "SUMMARY_OP",
            "GLOBAL_STEP", "EVAL_STEP", "TRAIN_OP", "COND_CONTEXT", "WHILE_CONTEXT",
            "VARIABLES", "METRIC_VARIABLES", "_SUMMARY_COLLECTION", "_STREAMING_MODEL_PORTS"]
    obs["graphkeys"] = {k: getattr(tf.GraphKeys, k, None) for k in keys}
    try:
        tf.get_collection(3)
        obs["int_key"] = "ok"
    except Exception as e:
        obs["int_key"] = type(e).__name__
    tf.add_to_collection(("tuple", "key"), 1)
    obs["tuple_key"] = tf.get_collection(("tuple", "key"))
    return obs
