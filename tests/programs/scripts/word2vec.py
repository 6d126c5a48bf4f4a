"""Skip-gram word2vec with tf.nn.nce_loss on a tiny synthetic corpus (sparse embedding gradients)."""
import collections
import math

import numpy as np
import tensorflow as tf

# Two "topics": words of one topic only ever appear next to words of the same topic.
topic_a = ["cat", "dog", "mouse", "horse", "cow", "sheep"]
topic_b = ["red", "green", "blue", "yellow", "black", "white"]
rng = np.random.RandomState(0)
words = []
for _ in range(400):
    words.extend(rng.choice(topic_a if rng.rand() < 0.5 else topic_b, size=6))

count = collections.Counter(words).most_common()
dictionary = {w: i for i, (w, _) in enumerate(count)}
reverse_dictionary = {i: w for w, i in dictionary.items()}
data = [dictionary[w] for w in words]
vocabulary_size = len(dictionary)


def generate_batch(batch_size, window):
    batch = np.ndarray(shape=(batch_size,), dtype=np.int32)
    labels = np.ndarray(shape=(batch_size, 1), dtype=np.int32)
    for i in range(batch_size):
        sentence = rng.randint(0, len(data) // 6) * 6
        pos = sentence + rng.randint(0, 6)
        other = sentence + rng.randint(0, 6)
        batch[i], labels[i, 0] = data[pos], data[other]
    return batch, labels


batch_size, embedding_size, num_sampled = 64, 8, 4
tf.set_random_seed(0)
train_inputs = tf.placeholder(tf.int32, shape=[batch_size])
train_labels = tf.placeholder(tf.int32, shape=[batch_size, 1])
embeddings = tf.Variable(tf.random_uniform([vocabulary_size, embedding_size], -1.0, 1.0))
embed = tf.nn.embedding_lookup(embeddings, train_inputs)
nce_weights = tf.Variable(
    tf.truncated_normal([vocabulary_size, embedding_size], stddev=1.0 / math.sqrt(embedding_size)))
nce_biases = tf.Variable(tf.zeros([vocabulary_size]))
loss = tf.reduce_mean(tf.nn.nce_loss(weights=nce_weights, biases=nce_biases, labels=train_labels,
                                     inputs=embed, num_sampled=num_sampled, num_classes=vocabulary_size))
optimizer = tf.train.GradientDescentOptimizer(0.5)
grads_and_vars = optimizer.compute_gradients(loss)
sparse = [type(g).__name__ for g, v in grads_and_vars if v is embeddings]
print("embedding gradient type:", sparse[0])
train_op = optimizer.apply_gradients(grads_and_vars)

norm = tf.sqrt(tf.reduce_sum(tf.square(embeddings), 1, keepdims=True))
normalized_embeddings = embeddings / norm
similarity = tf.matmul(normalized_embeddings, normalized_embeddings, transpose_b=True)

with tf.Session() as sess:
    tf.global_variables_initializer().run()
    average_loss = 0.0
    for step in range(1, 1001):
        batch_inputs, batch_labels = generate_batch(batch_size, 1)
        _, loss_val = sess.run([train_op, loss], {train_inputs: batch_inputs, train_labels: batch_labels})
        average_loss += loss_val
        if step % 500 == 0:
            print("Average loss at step", step, ":", "%.4f" % (average_loss / 500))
            average_loss = 0.0
    sim = similarity.eval()
    same = [dictionary[w] for w in topic_a]
    other = [dictionary[w] for w in topic_b]
    within = np.mean([sim[i, j] for i in same for j in same if i != j])
    across = np.mean([sim[i, j] for i in same for j in other])
    nearest = [reverse_dictionary[k] for k in (-sim[dictionary["cat"], :]).argsort()[1:4]]
    print("Nearest to cat:", ", ".join(nearest))
    print("similarity within topic %.3f across topics %.3f" % (within, across))
