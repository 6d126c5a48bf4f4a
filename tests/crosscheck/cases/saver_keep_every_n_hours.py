"""keep_checkpoint_every_n_hours: checkpoints pushed out by max_to_keep are kept on disk when they are
newer than the next preservation time (a tiny period keeps all of them), deleted otherwise; either way
last_checkpoints and the state file list only the max_to_keep newest."""
import os
import time


def case(tf):
    obs = {}
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        for label, hours in [("tiny", 1e-7), ("huge", 10000.0)]:
            os.mkdir(label)
            saver = tf.train.Saver(max_to_keep=1, keep_checkpoint_every_n_hours=hours)
            for step in range(4):
                time.sleep(0.02)
                saver.save(sess, label + "/m", global_step=step, write_meta_graph=False)
            obs[label] = {"last": saver.last_checkpoints,
                          "files": sorted(f for f in os.listdir(label) if f.endswith(".index")),
                          "state": tf.train.get_checkpoint_state(label).all_model_checkpoint_paths[:]}
    return obs
