"""`tf.summary.FileWriter`: writes Event protos (summaries, graphs, session logs) to an events file.

The file is `logdir/events.out.tfevents.<time>.<host><suffix>` in TFRecord framing, starting with a
`file_version: "brain.Event:2"` event, which is what TensorBoard reads. Events are queued and written when
`max_queue` are pending, every `flush_secs` (by a daemon thread), on `flush()` and on `close()`.
"""
from __future__ import annotations

import os
import socket
import threading
import time

from ..framework.graph_def import GraphDef, as_graph_def
from ..tools.event_file import RecordWriter
from .summary_pb import Event, SessionLog, Summary, TaggedRunMetadata

__all__ = ["FileWriter", "FileWriterCache"]


class FileWriter:
    """Writes summaries and the graph to an events file in `logdir` for TensorBoard."""

    def __init__(self, logdir: str, graph=None, max_queue: int = 10, flush_secs: float = 120,
                 graph_def=None, filename_suffix: str | None = None, session=None):
        self._logdir = str(logdir)
        self._max_queue = max(int(max_queue), 1)
        self._flush_secs = float(flush_secs)
        self._suffix = filename_suffix or ""
        self._lock = threading.RLock()
        self._queue: list[bytes] = []
        self._seen_summary_tags: set = set()
        self._closed = True
        self._open()
        if graph is not None or graph_def is not None:
            self.add_graph(graph, graph_def=graph_def)
            self._add_meta_graph_of(graph, graph_def)   # TF's constructor writes both events

    # --- file lifecycle -----------------------------------------------------------------------
    def _open(self) -> None:
        os.makedirs(self._logdir, exist_ok=True)
        name = "events.out.tfevents.%010d.%s%s" % (int(time.time()), socket.gethostname(), self._suffix)
        self._path = os.path.join(self._logdir, name)
        self._writer = RecordWriter(self._path)
        self._writer.write(Event(wall_time=time.time(), file_version="brain.Event:2").SerializeToString())
        self._writer.flush()
        self._closed = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._flush_loop, args=(self._stop,), daemon=True,
                                        name="FileWriter-flush")
        self._thread.start()

    def _flush_loop(self, stop: threading.Event) -> None:
        while not stop.wait(self._flush_secs):
            self.flush()

    def get_logdir(self) -> str:
        return self._logdir

    def flush(self) -> None:
        """Write the queued events to disk."""
        with self._lock:
            if self._closed:
                return
            for data in self._queue:
                self._writer.write(data)
            self._queue.clear()
            self._writer.flush()

    def close(self) -> None:
        """Flush and close the file; `reopen()` starts a new one."""
        with self._lock:
            if self._closed:
                return
            self.flush()
            self._stop.set()
            self._writer.close()
            self._closed = True

    def reopen(self) -> None:
        """Open a new events file after `close()` (no-op while open)."""
        with self._lock:
            if self._closed:
                self._open()

    def __enter__(self) -> "FileWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- events ---------------------------------------------------------------------------------
    def add_event(self, event: Event) -> None:
        """Queue one Event (written at the next flush)."""
        with self._lock:
            if self._closed:
                raise RuntimeError("FileWriter for %s is closed; call reopen() first." % self._logdir)
            self._queue.append(event.SerializeToString())
            if len(self._queue) >= self._max_queue:
                self.flush()

    def _add(self, event: Event, global_step) -> None:
        event.wall_time = time.time()
        if global_step is not None:
            event.step = int(global_step)
        self.add_event(event)

    def add_summary(self, summary, global_step=None) -> None:
        """Add a Summary (a proto, or the serialized bytes a summary op returns) at `global_step`."""
        if isinstance(summary, (bytes, bytearray)):
            summary = Summary.FromString(bytes(summary))
        elif not isinstance(summary, Summary):
            item = getattr(summary, "item", None)
            summary = Summary.FromString(item() if item is not None else bytes(summary))
        # As TF: plugin metadata only needs to be stored with the first value of each tag.
        values = []
        for value in summary.value:
            if value.HasField("metadata"):
                if value.tag in self._seen_summary_tags:
                    value = Summary.Value.FromString(value.SerializeToString())
                    value.ClearField("metadata")
                else:
                    self._seen_summary_tags.add(value.tag)
            values.append(value)
        self._add(Event(summary=Summary(value=values)), global_step)

    def add_session_log(self, session_log: SessionLog, global_step=None) -> None:
        self._add(Event(session_log=session_log), global_step)

    def add_graph(self, graph, global_step=None, graph_def=None) -> None:
        """Write the graph (a Graph or a GraphDef) for TensorBoard's graph dashboard."""
        if graph is not None and graph_def is not None:
            raise ValueError("Please pass only graph, or graph_def (deprecated), but not both.")
        if graph is not None:
            graph_def = graph if isinstance(graph, GraphDef) else as_graph_def(graph, add_shapes=True)
        if graph_def is None:
            raise TypeError("add_graph needs a Graph or a GraphDef")
        self._add(Event(graph_def=graph_def.SerializeToString()), global_step)

    def _add_meta_graph_of(self, graph, graph_def) -> None:
        from ..framework.graph import Graph
        from ..framework.meta_graph import export_meta_graph

        if isinstance(graph, Graph):
            with graph.as_default():
                self.add_meta_graph(export_meta_graph(graph=graph))
        else:
            self.add_meta_graph(export_meta_graph(graph_def=graph if graph is not None else graph_def))

    def add_meta_graph(self, meta_graph_def, global_step=None) -> None:
        """Write a MetaGraphDef (`tf.train.export_meta_graph()`) as an event, as TF's FileWriter does."""
        from ..framework.meta_graph import MetaGraphDef

        if not isinstance(meta_graph_def, MetaGraphDef):
            raise TypeError("meta_graph_def must be type MetaGraphDef, saw type: %s" % type(meta_graph_def))
        self._add(Event(meta_graph_def=meta_graph_def.SerializeToString()), global_step)

    def add_run_metadata(self, run_metadata, tag: str, global_step=None) -> None:
        """Write a RunMetadata (its serialized bytes) under `tag` for the graph dashboard."""
        serialize = getattr(run_metadata, "SerializeToString", None)
        data = serialize() if serialize is not None else bytes(run_metadata)
        self._add(Event(tagged_run_metadata=TaggedRunMetadata(tag=tag, run_metadata=data)), global_step)


class FileWriterCache:
    """`tf.summary.FileWriterCache`: one shared FileWriter per logdir (used by Estimator-style hooks)."""

    _cache: dict = {}
    _lock = threading.RLock()

    @staticmethod
    def get(logdir: str) -> FileWriter:
        from ..framework.graph import get_default_graph

        with FileWriterCache._lock:
            writer = FileWriterCache._cache.get(logdir)
            if writer is None:
                writer = FileWriter(logdir, graph=get_default_graph())
                FileWriterCache._cache[logdir] = writer
            return writer

    @staticmethod
    def clear() -> None:
        with FileWriterCache._lock:
            for writer in FileWriterCache._cache.values():
                writer.close()
            FileWriterCache._cache = {}
