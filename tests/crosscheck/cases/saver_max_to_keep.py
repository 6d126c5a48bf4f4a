"""max_to_keep 0 / None keep every checkpoint and an empty last_checkpoints; 1 and 2 delete the oldest
files; the state file lists only the kept ones (or just the newest when nothing is tracked)."""
import os


def case(tf):
    obs = {}
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        for label, keep in [("k0", 0), ("knone", None), ("k1", 1), ("k2", 2)]:
            os.mkdir(label)
            saver = tf.train.Saver(max_to_keep=keep)
            paths = [saver.save(sess, label + "/m", global_step=i, write_meta_graph=False) for i in range(4)]
            obs[label] = {
                "paths": paths,
                "last": saver.last_checkpoints,
                "files": sorted(f for f in os.listdir(label) if not f.endswith(".meta")),
                "state_all": list(tf.train.get_checkpoint_state(label).all_model_checkpoint_paths),
                "latest": tf.train.latest_checkpoint(label),
            }
            with open(label + "/checkpoint") as f:
                obs[label]["text"] = f.read()
        # re-saving the same path moves it to the end, it is not listed twice
        os.mkdir("re")
        saver = tf.train.Saver(max_to_keep=3)
        for step in [1, 2, 1, 3]:
            saver.save(sess, "re/m", global_step=step, write_meta_graph=False)
        obs["resave_last"] = saver.last_checkpoints
        obs["resave_files"] = sorted(f for f in os.listdir("re") if f.endswith(".index"))
    return obs
