"""`tf.strings`: string ops (defined in `ops.string_ops`), under TF1's `tf.compat.v1.strings` names."""
# ruff: noqa: F401
from ..ops.string_ops import as_string, reduce_join, regex_full_match, regex_replace, substr
from ..ops.string_ops import string_format as format  # noqa: A004 - TF's name
from ..ops.string_ops import string_join as join
from ..ops.string_ops import string_length as length
from ..ops.string_ops import string_lower as lower
from ..ops.string_ops import string_split_v2 as split
from ..ops.string_ops import string_strip as strip
from ..ops.string_ops import string_to_hash_bucket_fast as to_hash_bucket_fast
from ..ops.string_ops import string_to_number as to_number
from ..ops.string_ops import string_upper as upper
