"""A worker process for the distributed tests: builds the same graph as every other process and acts.

Usage: python _worker.py CLUSTER_JSON TASK MODE [ARG]
MODE: write VALUE | read | inc STEPS | count (increment forever, slowly; for the kill test)
"""
import json
import sys
import time

import varflow as tf
from varflow.train.device_setter import replica_device_setter
from varflow.train.server_lib import Server


def main(argv):
    cluster, task, mode = json.loads(argv[1]), int(argv[2]), argv[3]
    server = Server(cluster, job_name="worker", task_index=task)
    with tf.device(replica_device_setter(cluster=cluster)):
        counter = tf.Variable(0, name="counter")
        value = tf.Variable(0.0, name="value")
        inc = tf.assign_add(counter, 1, use_locking=True)
        new_value = tf.placeholder(tf.float32, [])
        write = tf.assign(value, new_value)
    sess = tf.Session(server.target)
    if mode == "write":
        sess.run(tf.global_variables_initializer())
        sess.run(write, {new_value: float(argv[4])})
    elif mode == "read":
        print("VALUE", sess.run(value), flush=True)
    elif mode == "inc":
        while sess.run(tf.report_uninitialized_variables()).size:
            time.sleep(0.05)
        print("READY", flush=True)
        for _ in range(int(argv[4])):
            sess.run(inc)
    elif mode == "count":
        first = sess.run(counter)
        print("START", first, flush=True)
        while True:
            print("STEP", sess.run(inc), flush=True)
            time.sleep(0.01)
    print("DONE", flush=True)


if __name__ == "__main__":
    main(sys.argv)
