"""tf.errors: the OpError hierarchy, codes and code↔class mapping (as TF 2.21)."""
import pickle

import pytest

import varflow as tf

CLASSES = [("CancelledError", 1), ("UnknownError", 2), ("InvalidArgumentError", 3),
           ("DeadlineExceededError", 4), ("NotFoundError", 5), ("AlreadyExistsError", 6),
           ("PermissionDeniedError", 7), ("ResourceExhaustedError", 8),
           ("FailedPreconditionError", 9), ("AbortedError", 10), ("OutOfRangeError", 11),
           ("UnimplementedError", 12), ("InternalError", 13), ("UnavailableError", 14),
           ("DataLossError", 15), ("UnauthenticatedError", 16)]


@pytest.mark.parametrize("name,code", CLASSES)
def test_every_subclass(name, code):
    cls = getattr(tf.errors, name)
    e = cls(None, None, "msg")
    assert isinstance(e, tf.errors.OpError) and e.error_code == code
    assert (e.message, e.op, e.node_def, str(e)) == ("msg", None, None, "msg")
    assert tf.errors.exception_type_from_error_code(code) is cls
    assert tf.errors.error_code_from_exception_type(cls) == code
    assert type(pickle.loads(pickle.dumps(e))) is cls


def test_codes_and_base_class():
    assert (tf.errors.OK, tf.errors.INVALID_ARGUMENT, tf.errors.UNAUTHENTICATED) == (0, 3, 16)
    e = tf.errors.OpError(None, None, "m", tf.errors.NOT_FOUND)
    assert e.error_code == 5
    with pytest.raises(KeyError):
        tf.errors.exception_type_from_error_code(99)


def test_op_error_names_the_node():
    c = tf.constant(1.0, name="node")
    e = tf.errors.InvalidArgumentError(None, c.op, "bad")
    assert e.op is c.op and "node" in str(e) and e.message == "bad"


def test_session_raises_op_errors_with_op():
    x = tf.placeholder(tf.float32, [None], name="x")
    with tf.Session() as s:
        with pytest.raises(tf.errors.InvalidArgumentError, match="You must feed a value") as info:
            s.run(x + 1)
    assert info.value.op.name == "x" and info.value.error_code == tf.errors.INVALID_ARGUMENT
