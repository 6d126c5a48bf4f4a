"""Saver.save errors: a missing parent directory is created only one level deep (else ValueError, also when
the parent is a file), latest_filename with a directory, save_path colliding with the state file, a
non-session first argument."""
import os


def _err(f):
    try:
        return f()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    v = tf.Variable([1.0], name="v")
    saver = tf.train.Saver()
    sharded = tf.train.Saver(sharded=True)
    with tf.Session() as sess:
        sess.run(v.initializer)
        obs["one_level"] = _err(lambda: saver.save(sess, "new/m", write_meta_graph=False))
        obs["one_level_files"] = sorted(os.listdir("new")) if os.path.isdir("new") else None
        obs["two_levels"] = _err(lambda: saver.save(sess, "x/y/m", write_meta_graph=False))
        obs["two_levels_made"] = os.path.exists("x")
        obs["sharded_one_level"] = _err(lambda: sharded.save(sess, "snew/m", write_meta_graph=False))
        obs["sharded_two_levels"] = _err(lambda: sharded.save(sess, "sx/sy/m", write_meta_graph=False))
        with open("afile", "w") as f:
            f.write("x")
        obs["parent_is_file"] = _err(lambda: saver.save(sess, "afile/m", write_meta_graph=False))
        obs["latest_filename_dir"] = _err(lambda: saver.save(sess, "m", latest_filename="a/b",
                                                             write_meta_graph=False))
        obs["collides"] = _err(lambda: saver.save(sess, "checkpoint", write_meta_graph=False))
        obs["collides_custom"] = _err(lambda: saver.save(sess, "st", latest_filename="st",
                                                         write_meta_graph=False))
        obs["collides_with_step_ok"] = _err(lambda: saver.save(sess, "checkpoint", global_step=1,
                                                               write_meta_graph=False))
        obs["not_session"] = _err(lambda: saver.save("sess", "m", write_meta_graph=False))
        obs["none_session"] = _err(lambda: saver.save(None, "m", write_meta_graph=False))
        obs["sharded_checkpoint_name_first"] = _err(lambda: sharded.save(sess, "sd/checkpoint",
                                                                         write_meta_graph=False))
        obs["sharded_checkpoint_name_again"] = _err(lambda: sharded.save(sess, "sd/checkpoint",
                                                                         write_meta_graph=False))
    obs["files"] = sorted(f for f in os.listdir(".") if not f.endswith(".meta"))
    return obs
