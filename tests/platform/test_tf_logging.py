"""tf.logging prints to stderr as TF1 does: warnings by default, info once set_verbosity(INFO) is called."""
import varflow as tf


def test_info_is_printed_after_set_verbosity_info(capsys):
    before = tf.logging.get_verbosity()
    try:
        tf.logging.set_verbosity(tf.logging.WARN)
        tf.logging.info("hidden %d", 1)
        tf.logging.warning("careful %d", 2)
        tf.logging.set_verbosity(tf.logging.INFO)
        tf.logging.info("step %d loss %.2f", 3, 0.5)
    finally:
        tf.logging.set_verbosity(before)
    err = capsys.readouterr().err
    assert "hidden" not in err
    assert "WARNING:varflow:careful 2\n" in err
    assert "INFO:varflow:step 3 loss 0.50\n" in err
