"""get_checkpoint_state on a missing dir, a garbage / empty / path-less state file; checkpoint_exists on
prefixes and patterns; get_checkpoint_mtimes skips missing ones; update_checkpoint_state's text for
relative / absolute / out-of-dir paths, timestamps, a missing directory and mismatched timestamps."""
import os


def _err(f):
    try:
        return f()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def _text(path):
    with open(path) as f:
        return f.read().replace(os.getcwd(), "CWD")


def case(tf):
    obs = {}
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        tf.train.Saver().save(sess, "m0", write_meta_graph=False)
    obs["missing_dir"] = _err(lambda: tf.train.get_checkpoint_state("nodir"))
    obs["latest_missing_dir"] = _err(lambda: tf.train.latest_checkpoint("nodir"))
    os.mkdir("bad")
    for label, text in [("garbage", "garbage here"), ("empty", ""), ("no_model", 'all_model_checkpoint_paths: "x"\n'),
                        ("unknown_field", 'model_checkpoint_path: "x"\nfoo: 1\n'),
                        ("single_quotes", "model_checkpoint_path: 'x'\n"),
                        ("only_model", 'model_checkpoint_path: "x"\n')]:
        with open("bad/checkpoint", "w") as f:
            f.write(text)
        state = _err(lambda: tf.train.get_checkpoint_state("bad"))
        obs["state_" + label] = state if isinstance(state, str) or state is None else \
            [state.model_checkpoint_path, list(state.all_model_checkpoint_paths)]
    obs["exists"] = [tf.train.checkpoint_exists(p) for p in ["m0", "nope", "m*", "m0.index", "bad"]]
    obs["mtimes_count"] = len(tf.train.get_checkpoint_mtimes(["m0", "nope", "m0"]))
    obs["mtimes_type"] = type(tf.train.get_checkpoint_mtimes(["m0"])[0]).__name__
    obs["update_missing_dir"] = _err(lambda: tf.train.update_checkpoint_state("u", "u/m1"))
    os.mkdir("u")
    obs["update_adds_model"] = _err(lambda: tf.train.update_checkpoint_state("u", "u/m1", ["u/m0"]))
    obs["text_adds_model"] = _text("u/checkpoint")
    tf.train.update_checkpoint_state("u", "m1", ["m0", "m1"])
    obs["text_outside_dir"] = _text("u/checkpoint")
    tf.train.update_checkpoint_state("u", os.path.abspath("u/m1"), [os.path.abspath("u/m0")])
    obs["text_abs"] = _text("u/checkpoint")
    tf.train.update_checkpoint_state("u", "u/m1", ["u/m0", "u/m1"], latest_filename="st",
                                     all_model_checkpoint_timestamps=[1.0, 2.5], last_preserved_timestamp=3.5)
    obs["text_timestamps"] = _text("u/st")
    obs["timestamps_mismatch"] = _err(lambda: tf.train.update_checkpoint_state(
        "u", "u/m1", ["u/m0", "u/m1"], all_model_checkpoint_timestamps=[1.0]))
    state = tf.train.get_checkpoint_state("u", "st")
    obs["state_st"] = [state.model_checkpoint_path, list(state.all_model_checkpoint_paths),
                       list(state.all_model_checkpoint_timestamps), state.last_preserved_timestamp]
    obs["latest_st_missing_files"] = tf.train.latest_checkpoint("u", "st")
    tf.train.update_checkpoint_state("u", "u/m 'q\"\\", [])
    obs["text_escapes"] = _text("u/checkpoint")
    obs["escapes_roundtrip"] = tf.train.get_checkpoint_state("u").model_checkpoint_path
    obs["gen_proto"] = str(tf.train.generate_checkpoint_state_proto("u", "u/a", ["u/b"]))
    return obs
