"""Testing helpers shared by varflow's own tests and by users (`tf.test`-style gradient checks)."""
