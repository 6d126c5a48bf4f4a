"""set_last_checkpoints(_with_time) and recover_last_checkpoints (missing files dropped), their argument
checks, and how max_to_keep then deletes the adopted checkpoints."""
import os


def _err(f):
    try:
        f()
        return "ok"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        first = tf.train.Saver(max_to_keep=10)
        for i in range(3):
            first.save(sess, "m", global_step=i, write_meta_graph=False)
        saver = tf.train.Saver(max_to_keep=2)
        saver.set_last_checkpoints_with_time([("x", 1.0), ("y", 2.0)])
        obs["with_time"] = saver.last_checkpoints
        obs["with_time_tuple"] = _err(lambda: saver.set_last_checkpoints_with_time(("x", 1.0)))
        obs["set_plain"] = _err(lambda: saver.set_last_checkpoints(["q"]))
        obs["set_plain_value"] = saver.last_checkpoints
        obs["set_plain_string"] = _err(lambda: saver.set_last_checkpoints("q"))
        saver.recover_last_checkpoints(["m-2", "nothere", "m-0"])
        obs["recovered"] = saver.last_checkpoints
        obs["saved"] = saver.save(sess, "z", global_step=1, write_meta_graph=False)
        obs["after_save"] = saver.last_checkpoints
        obs["files"] = sorted(f for f in os.listdir(".") if f.endswith(".index"))
        with open("checkpoint") as f:
            obs["state"] = f.read()
    return obs
