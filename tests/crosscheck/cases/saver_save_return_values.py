"""Saver.save's returned prefix for global_step given as int, numpy int, tensor and variable (its value is
read in the session), with pad_step_number, and a float step (TypeError); last_checkpoints tracks them."""
import os

import numpy as np


def _err(f):
    try:
        return f()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    tf.Variable([1.0, 2.0], name="v")
    gs = tf.train.get_or_create_global_step()
    inc = tf.assign_add(gs, 4)
    saver = tf.train.Saver(max_to_keep=10)
    os.mkdir("ck")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["int"] = saver.save(sess, "ck/m", global_step=3, write_meta_graph=False)
        obs["variable"] = saver.save(sess, "ck/m", global_step=gs, write_meta_graph=False)
        sess.run(inc)
        obs["variable_after_inc"] = saver.save(sess, "ck/m", global_step=gs, write_meta_graph=False)
        obs["tensor"] = saver.save(sess, "ck/m", global_step=tf.constant(7), write_meta_graph=False)
        obs["tensor_int64"] = saver.save(sess, "ck/m", global_step=tf.constant(8, tf.int64),
                                         write_meta_graph=False)
        obs["np_int"] = saver.save(sess, "ck/m", global_step=np.int64(11), write_meta_graph=False)
        obs["negative"] = saver.save(sess, "ck/m", global_step=-1, write_meta_graph=False)
        obs["float"] = _err(lambda: saver.save(sess, "ck/m", global_step=9.0, write_meta_graph=False))
        obs["no_step"] = saver.save(sess, "ck/m", write_meta_graph=False)
        obs["last"] = saver.last_checkpoints
        padded = tf.train.Saver(pad_step_number=True)
        obs["padded"] = padded.save(sess, "ck/p", global_step=5, write_meta_graph=False)
        obs["padded_big"] = padded.save(sess, "ck/p", global_step=123456789, write_meta_graph=False)
        obs["padded_last"] = padded.last_checkpoints
        obs["no_state"] = saver.save(sess, "ck/n", write_state=False, write_meta_graph=False)
        obs["last_after_no_state"] = saver.last_checkpoints
    obs["files"] = sorted(f for f in os.listdir("ck") if not f.endswith(".meta"))
    with open("ck/checkpoint") as f:
        obs["state_text"] = f.read()
    return obs
