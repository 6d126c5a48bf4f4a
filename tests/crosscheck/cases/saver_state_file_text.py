"""The `checkpoint` state file's text: paths relative to the save directory for a relative save path,
absolute for an absolute one (unless save_relative_paths), and a custom latest_filename."""
import os


def _text(path):
    with open(path) as f:
        return f.read().replace(os.getcwd(), "CWD")


def case(tf):
    obs = {}
    v = tf.Variable(1.0, name="v")
    os.makedirs("a/b")
    with tf.Session() as sess:
        sess.run(v.initializer)
        saver = tf.train.Saver()
        saver.save(sess, "a/m", write_meta_graph=False)
        obs["rel"] = _text("a/checkpoint")
        saver.save(sess, "top", write_meta_graph=False)
        obs["cwd"] = _text("checkpoint")
        saver.save(sess, os.path.abspath("a/b/abs"), write_meta_graph=False)
        obs["abs"] = _text("a/b/checkpoint")
        obs["abs_latest"] = tf.train.latest_checkpoint("a/b").replace(os.getcwd(), "CWD")
        obs["abs_latest_absdir"] = tf.train.latest_checkpoint(os.path.abspath("a/b")).replace(os.getcwd(), "CWD")
        rel = tf.train.Saver(save_relative_paths=True)
        rel.save(sess, os.path.abspath("a/b/r1"), write_meta_graph=False)
        obs["relative_paths_abs"] = _text("a/b/checkpoint")
        rel.save(sess, "a/b/r2", write_meta_graph=False)
        obs["relative_paths_rel"] = _text("a/b/checkpoint")
        saver.save(sess, "a/m2", latest_filename="other_state", write_meta_graph=False)
        obs["latest_filename"] = _text("a/other_state")
        obs["checkpoint_unchanged"] = _text("a/checkpoint")
        obs["latest_other"] = tf.train.latest_checkpoint("a", latest_filename="other_state")
        obs["latest_default"] = tf.train.latest_checkpoint("a")
        obs["latest_trailing_slash"] = tf.train.latest_checkpoint("a/")
        obs["latest_dot"] = tf.train.latest_checkpoint(".")
        state = tf.train.get_checkpoint_state("a")
        obs["state"] = [state.model_checkpoint_path, list(state.all_model_checkpoint_paths),
                        len(state.all_model_checkpoint_timestamps), state.last_preserved_timestamp]
        obs["state_type"] = type(state).__name__
    return obs
