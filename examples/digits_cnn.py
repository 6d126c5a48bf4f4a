"""A small convolutional network on scikit-learn's 8×8 digits, written in plain TF1 style.

Two conv layers and a dense head built with `tf.get_variable` inside `tf.variable_scope`s; the
evaluation tower re-enters the same scopes with `reuse=True`, so it shares every weight. L2
regularization losses, `tf.metrics.accuracy`, a progress bar, and a Saver checkpoint at the end.

    python examples/digits_cnn.py [--epochs N] [--checkpoint-dir DIR]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

import numpy as np

import varflow as tf


def load_digits(seed: int = 0):
    """Digits as [N, 8, 8, 1] float32 in [0, 1] with int labels, split 80/20 (stratified)."""
    from sklearn.datasets import load_digits as sk_load
    from sklearn.model_selection import train_test_split

    data = sk_load()
    images = (data.images / 16.0).astype(np.float32)[..., None]
    return train_test_split(images, data.target.astype(np.int32), test_size=0.2,
                            random_state=seed, stratify=data.target)


def conv_relu(inputs, kernel_shape, bias_shape, weight_decay):
    """The seed document's conv_relu, with L2 regularization of the weights."""
    weights = tf.get_variable("weights", kernel_shape,
                              initializer=tf.variance_scaling_initializer(scale=2.0),
                              regularizer=tf.contrib.layers.l2_regularizer(weight_decay))
    biases = tf.get_variable("biases", bias_shape, initializer=tf.constant_initializer(0.0))
    conv = tf.nn.conv2d(inputs, weights, strides=[1, 1, 1, 1], padding="SAME")
    return tf.nn.relu(conv + biases)


def model(images, keep_prob, weight_decay=1e-4):
    """Logits for a batch of [N, 8, 8, 1] images; variables live under the current scope."""
    with tf.variable_scope("conv1"):
        x = conv_relu(images, [3, 3, 1, 16], [16], weight_decay)
    x = tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")   # 4×4
    with tf.variable_scope("conv2"):
        x = conv_relu(x, [3, 3, 16, 32], [32], weight_decay)
    x = tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")   # 2×2
    x = tf.reshape(x, [-1, 2 * 2 * 32])
    x = tf.nn.dropout(x, keep_prob=keep_prob)
    with tf.variable_scope("logits"):
        w = tf.get_variable("weights", [128, 10],
                            regularizer=tf.contrib.layers.l2_regularizer(weight_decay))
        b = tf.get_variable("biases", [10], initializer=tf.zeros_initializer())
        return tf.matmul(x, w) + b


def _progress(epoch: int, epochs: int, step: int, steps: int, loss: float, start: float) -> None:
    width = 30
    done = int(width * step / steps)
    sys.stdout.write("\repoch %2d/%d [%s%s] loss %.4f  %.1fs" % (
        epoch, epochs, "=" * done, " " * (width - done), loss, time.time() - start))
    sys.stdout.flush()


def train(epochs: int = 20, batch_size: int = 64, learning_rate: float = 3e-3,
          checkpoint_dir: str | None = None, seed: int = 0, verbose: bool = True) -> dict:
    """Train, evaluate on the held-out 20 %, save a checkpoint; returns the figures."""
    x_train, x_test, y_train, y_test = load_digits(seed)
    graph = tf.Graph()
    with graph.as_default():
        tf.set_random_seed(seed)
        images = tf.placeholder(tf.float32, [None, 8, 8, 1], name="images")
        labels = tf.placeholder(tf.int32, [None], name="labels")
        keep_prob = tf.placeholder_with_default(1.0, [], name="keep_prob")
        with tf.variable_scope("model"):
            logits = model(images, keep_prob)
        with tf.variable_scope("model", reuse=True):            # the evaluation tower shares all
            eval_logits = model(images, 1.0)
        data_loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
        loss = data_loss + tf.losses.get_regularization_loss()
        global_step = tf.train.get_or_create_global_step()
        train_op = tf.train.AdamOptimizer(learning_rate).minimize(loss, global_step=global_step)
        predictions = tf.argmax(eval_logits, axis=1, output_type=tf.int32)
        accuracy, accuracy_update = tf.metrics.accuracy(labels, predictions, name="accuracy")
        saver = tf.train.Saver()

        rng = np.random.default_rng(seed)
        steps = int(np.ceil(len(x_train) / batch_size))
        start = time.time()
        with tf.Session() as sess:
            sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
            for epoch in range(1, epochs + 1):
                order = rng.permutation(len(x_train))
                for step in range(steps):
                    idx = order[step * batch_size:(step + 1) * batch_size]
                    _, value = sess.run([train_op, loss], {images: x_train[idx],
                                                           labels: y_train[idx], keep_prob: 0.8})
                    if verbose:
                        _progress(epoch, epochs, step + 1, steps, value, start)
                if verbose:
                    sys.stdout.write("\n")
            sess.run(tf.local_variables_initializer())
            sess.run(accuracy_update, {images: x_test, labels: y_test})
            test_accuracy = float(sess.run(accuracy))
            checkpoint_dir = checkpoint_dir or tempfile.mkdtemp(prefix="digits_cnn_")
            path = saver.save(sess, os.path.join(checkpoint_dir, "model.ckpt"),
                              global_step=global_step, write_meta_graph=False)
            seconds = time.time() - start
    result = {"test_accuracy": test_accuracy, "seconds": seconds, "checkpoint": path,
              "variables": len(graph.get_collection(tf.GraphKeys.GLOBAL_VARIABLES))}
    if verbose:
        print("test accuracy %.4f after %d epochs in %.1f s; checkpoint %s"
              % (test_accuracy, epochs, seconds, path))
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--checkpoint-dir", default=None)
    args = parser.parse_args(argv)
    train(epochs=args.epochs, checkpoint_dir=args.checkpoint_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
