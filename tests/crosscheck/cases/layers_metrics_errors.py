"""tf.metrics.mean_squared_error, root_mean_squared_error, mean_absolute_error: variable
names, op names, running values over batches, weights, [N,1] vs [N] squeezing."""


def case(tf):
    lab = tf.placeholder(tf.float32, [None])
    pred = tf.placeholder(tf.float32, [None])
    pred_col = tf.placeholder(tf.float32, [None, 1])
    w = tf.placeholder(tf.float32, [None])
    mse, mse_u = tf.metrics.mean_squared_error(lab, pred)
    rmse, rmse_u = tf.metrics.root_mean_squared_error(lab, pred)
    mae, mae_u = tf.metrics.mean_absolute_error(lab, pred, weights=w)
    mse2, mse2_u = tf.metrics.mean_squared_error(lab, pred_col, name="col")
    obs = {
        "names": [t.name for t in (mse, mse_u, rmse, rmse_u, mae, mae_u, mse2, mse2_u)],
        "types": [t.op.type for t in (mse, mse_u, rmse, rmse_u)],
        "local": [v.name for v in tf.local_variables()],
    }
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        f1 = {lab: [1.0, 2.0, 3.0], pred: [2.0, 2.0, 5.0], w: [1.0, 0.0, 2.0]}
        f2 = {lab: [0.0], pred: [-3.0], w: [1.0]}
        obs["b1"] = [float(x) for x in sess.run([mse_u, rmse_u, mae_u], f1)]
        obs["b2"] = [float(x) for x in sess.run([mse_u, rmse_u, mae_u], f2)]
        obs["values"] = [float(x) for x in sess.run([mse, rmse, mae])]
        obs["col"] = float(sess.run(mse2_u, {lab: [1.0, 2.0], pred_col: [[0.0], [0.0]]}))
    return obs
