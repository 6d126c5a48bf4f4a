"""tf.train.write_graph: return value, text and binary files, directory creation."""
import os


def case(tf):
    obs = {}
    tf.constant(1.0, name="c")
    g = tf.get_default_graph()
    obs["text_path"] = tf.train.write_graph(g, "out", "g.pbtxt")
    obs["binary_path"] = tf.train.write_graph(g.as_graph_def(), "out/deep/er", "g.pb", as_text=False)
    obs["files"] = sorted(os.path.relpath(os.path.join(r, f)) for r, _, fs in os.walk("out") for f in fs)
    with open("out/g.pbtxt") as f:
        text = f.read()
    obs["text_has_node"] = 'name: "c"' in text
    obs["text_starts"] = text.splitlines()[0]
    return obs
