"""The sorted-table layer, protobuf codec, Snappy decoder and TF's slice keys."""
import io
import struct

import pytest

from varflow.checkpoint.crc import crc32c, mask, masked_crc32c, unmask
from varflow.checkpoint.proto import BundleEntryProto, ProtoError, decode_varint, encode_varint
from varflow.checkpoint.slices import parse_save_slice_info, parse_slice_spec, slice_key, slice_spec_string
from varflow.checkpoint.snappy import decompress
from varflow.checkpoint.table import TableCorruptionError, TableWriter, read_table


def _table(pairs, block_size=256 * 1024):
    buf = io.BytesIO()
    writer = TableWriter(buf, block_size=block_size)
    for key, value in pairs:
        writer.add(key, value)
    writer.finish()
    return buf.getvalue()


def test_crc_masking():
    assert crc32c(b"123456789") == 0xE3069283  # the CRC-32C check value
    assert masked_crc32c(b"") == 0xA282EAD8
    assert unmask(mask(0xDEADBEEF)) == 0xDEADBEEF


def test_varints():
    for value in [0, 1, 127, 128, 300, (1 << 63) - 1, (1 << 64) - 1]:
        assert decode_varint(encode_varint(value), 0) == (value, len(encode_varint(value)))
    assert len(encode_varint(-1)) == 10
    with pytest.raises(ProtoError):
        decode_varint(b"\x80\x80", 0)
    with pytest.raises(ProtoError):
        decode_varint(b"\xff" * 11, 0)


def test_entry_proto_round_trip():
    entry = BundleEntryProto(dtype=9, shape=(0, 3, 1 << 40), shard_id=2, offset=1 << 33, size=17,
                             crc32c=0x12345678, slices=[((0, -1), (4, 3))])
    assert BundleEntryProto.decode(entry.encode()) == entry


def test_table_round_trip_many_blocks_and_restarts():
    pairs = [(b"key%06d" % i, b"v" * (i % 50)) for i in range(5000)]
    data = _table(pairs, block_size=1024)
    assert read_table(data) == pairs
    assert read_table(_table([])) == []


def test_table_rejects_unsorted_keys():
    writer = TableWriter(io.BytesIO())
    writer.add(b"b", b"")
    with pytest.raises(ValueError):
        writer.add(b"a", b"")


def test_table_corruption_checks():
    data = _table([(b"a", b"1"), (b"b", b"2")])
    with pytest.raises(TableCorruptionError, match="magic"):
        read_table(data[:-1] + b"\x00")
    with pytest.raises(TableCorruptionError, match="shorter"):
        read_table(data[:20])
    corrupted = bytearray(data)
    corrupted[2] ^= 1
    with pytest.raises(TableCorruptionError, match="checksum"):
        read_table(bytes(corrupted))


def _snappy_literal(payload: bytes) -> bytes:
    n = len(payload) - 1
    tag = bytes([n << 2]) if n < 60 else bytes([61 << 2]) + struct.pack("<H", n)
    return encode_varint(len(payload)) + tag + payload


def test_snappy_decoder():
    assert decompress(_snappy_literal(b"hello world"), 1 << 20) == b"hello world"
    long = bytes(range(256)) * 3
    assert decompress(_snappy_literal(long), 1 << 20) == long
    # literal "ab", then copy-1 (length 4+2=6, offset 2) -> "abababab"; then copy-2 (length 3, offset 8)
    stream = encode_varint(11) + b"\x04ab" + bytes([(2 << 2) | 1, 2]) + bytes([(2 << 2) | 2]) + b"\x08\x00"
    assert decompress(stream, 100) == b"abababababa"
    with pytest.raises(ProtoError):
        decompress(encode_varint(5) + bytes([(0 << 2) | 1, 9]), 100)  # offset before start
    with pytest.raises(ProtoError):
        decompress(encode_varint(1 << 40), 1 << 20)


def test_snappy_compressed_block_is_read():
    pairs = [(b"", b"header"), (b"name", b"value" * 10)]
    plain = _table(pairs)
    # Re-encode the single data block as a Snappy block (type byte 1) and rebuild the file around it.
    index_handle_pos = len(plain) - 48
    footer = plain[index_handle_pos:]
    _, p = decode_varint(footer, 0)
    _, p = decode_varint(footer, p)
    index_off, _ = decode_varint(footer, p)
    data_size = read_index_block(plain, index_off)
    raw_block = plain[:data_size]
    compressed = _snappy_literal(raw_block)
    trailer = b"\x01" + struct.pack("<I", mask(crc32c(b"\x01", crc32c(compressed))))
    new = io.BytesIO()
    new.write(compressed + trailer)
    # metaindex and index blocks rebuilt by hand around the compressed data block
    meta = struct.pack("<II", 0, 1)
    meta_off = new.tell()
    new.write(meta + b"\x00" + struct.pack("<I", masked_crc32c(meta + b"\x00")))
    idx = b"\x00\x01" + encode_varint(len(encode_varint(0) + encode_varint(len(compressed)))) + b"o" + \
        encode_varint(0) + encode_varint(len(compressed)) + struct.pack("<II", 0, 1)
    idx_off = new.tell()
    new.write(idx + b"\x00" + struct.pack("<I", masked_crc32c(idx + b"\x00")))
    handles = encode_varint(meta_off) + encode_varint(8) + encode_varint(idx_off) + encode_varint(len(idx))
    new.write(handles + b"\x00" * (40 - len(handles)) + struct.pack("<Q", 0xDB4775248B80FB57))
    assert read_table(new.getvalue()) == pairs


def read_index_block(data, index_off):
    """Size of the first data block, from the index block's first handle."""
    _, p = decode_varint(data, index_off)      # shared
    klen, p = decode_varint(data, p)
    _, p = decode_varint(data, p)               # value length
    p += klen
    _, p = decode_varint(data, p)               # data block offset
    size, _ = decode_varint(data, p)
    return size


def test_slice_specs():
    assert parse_slice_spec("0,4:0,2") == ((0, 4), (0, 2))
    assert parse_slice_spec("-:3,1") == ((0, -1), (3, 1))
    assert parse_slice_spec("", rank=2) == ((0, -1), (0, -1))
    assert parse_save_slice_info("10 2 4,3:0,2") == ((10, 2), ((4, 3), (0, 2)))
    assert slice_spec_string(((0, -1), (3, 1))) == "-:3,1"
    with pytest.raises(ValueError):
        parse_slice_spec("0,4:1")
    with pytest.raises(ValueError):
        parse_slice_spec("0,4", rank=2)


def test_slice_keys_match_tf():
    # Keys observed in the partitioned checkpoint TF 2.21 wrote (shared fixture).
    assert slice_key("emb", ((0, 4), (0, 2))) == b"\x00emb\x00\x01\x01\x02\x80\x84\x80\x82"
    assert slice_key("emb", ((7, 3), (0, 2))) == b"\x00emb\x00\x01\x01\x02\x87\x83\x80\x82"
    assert slice_key("v", ((0, -1),)) == b"\x00v\x00\x01\x01\x01\x80\x7f"
    # Multi-byte signed codes keep numeric order.
    keys = [slice_key("v", ((start, 1),)) for start in [0, 63, 64, 1000, 35000, 1 << 40]]
    assert keys == sorted(keys)
    assert slice_key("a\x00b", ((0, 1),)).startswith(b"\x00a\x00\xffb\x00\x01")
