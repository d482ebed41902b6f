"""datatrove pipeline steps that run this cleaner: the corpus pass and the cleaning.

Two stages, like ``make clean``'s two passes over the corpus:

1. :class:`CleanerLineCounts` counts, per task, in how many documents each line key occurs
   (:mod:`cleaner.corpus`) and writes the counts to ``output_folder`` (one file per task).
2. :class:`CleanerStep` (``line_counts=`` that folder) merges all tasks' counts once per task,
   on its first document, into the *repeated* lines, then cleans every document exactly as
   ``make clean`` does: ``doc.text`` becomes the clean text and ``doc.metadata["cleaner"]``
   holds the sidecar's fields (less the resolved ``config``; ``config_fingerprint`` names it).

Format (``format="auto"``): ``metadata["format"]`` when it is ``"text"`` or ``"html"``; else
the file name in ``metadata["path"]`` (``path_key``) decides as for a raw file (``.html``
with a tag is HTML, ``.txt`` only if it starts like a page...); else documents with a
``url`` (WARC and crawl records) are sniffed for HTML tags, others only count as HTML when
they start like a page. ``format="text"`` or ``"html"`` forces it. ``metadata["path"]``
(else the id) is also the path user rules match and the sidecar's ``source``; a
``metadata["url"]`` (WARC records have one) is passed on as ``make clean`` passes a shard
record's url (to trafilatura and to user rules' ``site``). So a document cleans exactly as
the same text does under ``make clean``: as a raw file named ``metadata["path"]`` when it has
no url, or as a record of a JSON Lines or WARC shard (same url, ``format`` as the record's
``text``/``html`` key says, ``path`` = the shard's path).

Never crashes on one document: an empty, binary or too large one is *rejected*, one that
takes more than ``Config.time_limit_s`` *timed out*, an internal error *failed*; each is counted
(``cleaner_rejected``, ``cleaner_timeout``, ``cleaner_failed``) and dropped, or with
``on_error="keep"`` passed on unchanged with ``metadata["cleaner"] = {"status", "reason"}``.
Documents whose clean text is empty are dropped (``cleaner_dropped_empty``).
"""
from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from typing import Any

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.io import DataFolderLike, get_datafolder
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.logging import logger
except ImportError as exc:  # pragma: no cover - exercised without datatrove only
    raise ImportError(
        "cleaner.integrations.datatrove needs datatrove: pip install 'cleaner[datatrove]'"
    ) from exc

from ..config import Config
from ..corpus import LineCounter, document_keys
from ..reader import Rejected, check_format, raw_document

COUNTS_SUFFIX = ".linecounts"
_COUNTS_MAGIC = b"CLEANER-LINECOUNTS-1\n"
_COUNTS_NAME = re.compile(r"(\d+)-of-(\d+)" + re.escape(COUNTS_SUFFIX) + "$")


def write_counts(fh: Any, counts: dict[int, int]) -> None:
    """Write line-key counts (binary: magic, n, n uint64 keys, n uint32 counts, little-endian)."""
    import numpy as np

    keys = np.fromiter(sorted(counts), dtype="<u8", count=len(counts))
    values = np.fromiter((counts[int(k)] for k in keys), dtype="<u4", count=len(counts))
    fh.write(_COUNTS_MAGIC + struct.pack("<Q", len(keys)) + keys.tobytes() + values.tobytes())


def read_counts(data: bytes) -> tuple[Any, Any]:
    """``(keys, counts)`` numpy arrays of a file written by :func:`write_counts`."""
    import numpy as np

    if not data.startswith(_COUNTS_MAGIC):
        raise ValueError("not a cleaner line-counts file")
    at = len(_COUNTS_MAGIC)
    (n,) = struct.unpack_from("<Q", data, at)
    at += 8
    keys = np.frombuffer(data, dtype="<u8", count=n, offset=at)
    counts = np.frombuffer(data, dtype="<u4", count=n, offset=at + 8 * n)
    return keys, counts


def merge_counts(folder: DataFolderLike, min_docs: int) -> frozenset[int]:
    """The keys in at least ``min_docs`` documents over every task's counts in ``folder``.

    Raises ``ValueError`` unless the folder holds the files of every task of one run.
    """
    import numpy as np

    if min_docs <= 0:
        return frozenset()
    folder = get_datafolder(folder)
    files = folder.list_files(glob_pattern=f"*{COUNTS_SUFFIX}")
    names = [_COUNTS_NAME.search(f) for f in files]
    sizes = {int(m.group(2)) for m in names if m}
    ranks = {int(m.group(1)) for m in names if m}
    if len(sizes) != 1 or ranks != set(range(next(iter(sizes)))):
        raise ValueError(f"line counts in {folder.path} are incomplete or from different runs: {files}")
    parts = []
    for name in files:
        with folder.open(name, "rb") as fh:
            parts.append(read_counts(fh.read()))
    keys = np.concatenate([k for k, _ in parts])
    counts = np.concatenate([c for _, c in parts]).astype(np.uint64)
    if not len(keys):
        return frozenset()
    order = np.argsort(keys, kind="stable")
    keys, counts = keys[order], counts[order]
    unique, first = np.unique(keys, return_index=True)
    totals = np.add.reduceat(counts, first)
    return frozenset(int(k) for k in unique[totals >= min_docs].tolist())


def shard_adapter(reader: Any, data: dict, path: str, id_in_file: int | str) -> dict:
    """``JsonlReader(folder, adapter=shard_adapter)``: read the JSON Lines shards ``make clean``
    reads (``id``, ``text`` or ``html``, optional ``url`` and ``metadata`` per line).

    datatrove's own adapter takes the ``text`` key alone, so it drops a record that has only
    ``html``. Here ``html`` wins when it is there and is cleaned as a page
    (``metadata["format"] = "html"``), as ``make clean`` cleans the record; else ``text`` is
    the document, its format found as :class:`CleanerStep` finds it (``format="auto"``). A
    record's ``metadata`` object and its other keys (``url``...) go into the metadata.
    """
    data = dict(data)
    html, text, rid = data.pop("html", None), data.pop("text", None), data.pop("id", None)
    metadata = data.pop("metadata", None)
    metadata = metadata if isinstance(metadata, dict) else {} if metadata is None else {"metadata": metadata}
    content = html if html is not None else text
    return {
        "text": content if isinstance(content, str) else "",  # datatrove skips a record without text
        "id": str(rid) if rid is not None else f"{path}/{id_in_file}",
        "metadata": {**metadata, **data, **({"format": "html"} if html is not None else {})},
    }


class CleanerLineCounts(PipelineStep):
    """Stage 1, the corpus pass: each task writes its documents' line-key counts.

    Passes the documents on unchanged. Writes ``output_folder/<rank>-of-<tasks>.linecounts``.
    """

    name = "🧹 cleaner line counts"
    type = "📊 - STATS"

    def __init__(self, output_folder: DataFolderLike, config: Config | None = None,
                 format: str = "auto", path_key: str = "path") -> None:
        super().__init__()
        self.output_folder = get_datafolder(output_folder)
        self.config = config or Config()
        self.format = check_format(format)
        self.path_key = path_key

    def document_keys(self, doc: Document) -> set[int] | None:
        """The document's line keys, or ``None`` when it cannot be read (as ``make clean``)."""
        from ..pipeline import prepare
        from ..runner import time_limit

        try:
            with time_limit(self.config.time_limit_s):
                raw = raw_document(doc, self.format, self.path_key, self.config.max_bytes)
                lines = prepare(raw)[1]
                return document_keys(line.text for line in lines)
        except Exception:  # rejected, broken or too slow: stage 2 reports it
            return None

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        counter = LineCounter()
        for doc in data or ():
            with self.track_time():
                keys = self.document_keys(doc) if self.config.repeated_min_docs else set()
            if keys is None:
                self.stat_update("line_counts_unreadable")
            else:
                counter.add(keys)
                self.stat_update("line_counts_documents")
            yield doc
        with self.output_folder.open(f"{rank:05d}-of-{world_size:05d}{COUNTS_SUFFIX}", "wb") as fh:
            write_counts(fh, counter.counts)


class CleanerStep(PipelineStep):
    """Stage 2: clean every document with this cleaner's pipeline (as ``make clean``).

    Args:
        config: the cleaner's configuration (default ``Config()``; ``Config.load(path)``).
        format: ``"auto"`` (see the module), ``"text"`` or ``"html"``.
        line_counts: the folder :class:`CleanerLineCounts` wrote; without it no line counts
            as repeated (as a corpus of one document; differs from ``make clean``).
        path_key: metadata key of the document's path (user rules, format hint).
        on_error: ``"drop"`` documents that cannot be cleaned, or ``"keep"`` them unchanged.
        metadata_key: where the sidecar's fields go in ``doc.metadata``.
    """

    name = "🧹 cleaner"
    type = "🛢 - EXTRAC"

    def __init__(self, config: Config | None = None, format: str = "auto",
                 line_counts: DataFolderLike | None = None, path_key: str = "path",
                 on_error: str = "drop", metadata_key: str = "cleaner") -> None:
        super().__init__()
        if on_error not in ("drop", "keep"):
            raise ValueError(f"on_error must be 'drop' or 'keep', not {on_error!r}")
        self.config = config or Config()
        self.format = check_format(format)
        self.line_counts = get_datafolder(line_counts) if line_counts is not None else None
        self.path_key = path_key
        self.on_error = on_error
        self.metadata_key = metadata_key
        self._repeated: frozenset[int] | None = None
        self._fingerprint: str | None = None

    def repeated(self) -> frozenset[int]:
        """The corpus's repeated line keys, merged from the line counts on first use."""
        if self._repeated is None:
            min_docs = self.config.repeated_min_docs
            self._repeated = merge_counts(self.line_counts, min_docs) if self.line_counts else frozenset()
            self._fingerprint = self.config.fingerprint()
            self.stat_update("cleaner_repeated_lines", value=len(self._repeated), unit="task")
        return self._repeated

    def clean(self, doc: Document) -> tuple[str, str | None]:
        """Clean ``doc`` in place; its status (``cleaned``, ``empty``, ``rejected``...) and reason."""
        from ..outputs import sidecar
        from ..pipeline import clean_prepared, prepare, warm_up
        from ..runner import TimeLimitExceeded, corpus_fingerprint, time_limit

        repeated = self.repeated()
        warm_up(self.config)
        rel = str(doc.metadata.get(self.path_key) or doc.id)
        url = doc.metadata.get("url") if isinstance(doc.metadata.get("url"), str) else None
        limit = self.config.time_limit_s
        try:
            with time_limit(limit):
                raw = raw_document(doc, self.format, self.path_key, self.config.max_bytes)
                prepared = prepare(raw)
                keys = document_keys(line.text for line in prepared[1]) if repeated else set()
                result = clean_prepared(raw.format, prepared, self.config, repeated, path=rel, url=url or None)
        except TimeLimitExceeded:
            return "timeout", f"timeout: more than {limit} s"
        except Rejected as exc:
            return "rejected", str(exc)
        except Exception as exc:  # an internal error: counted, and the pipeline goes on
            logger.warning(f"cleaner: {doc.id}: {type(exc).__name__}: {exc}")
            return "failed", f"error: {type(exc).__name__}: {exc}"
        fps = {"config_fingerprint": self._fingerprint or "", "corpus_fingerprint": corpus_fingerprint(keys, repeated)}
        meta = {"id": doc.id, **sidecar(rel, raw, result, self.config, fps)}
        meta.pop("config", None)
        if url:  # as make clean records a shard record's url
            meta["url"], meta["source_url"] = url, url
        if not result.text:
            return "empty", None
        doc.text = result.text
        doc.metadata[self.metadata_key] = meta
        for category, chars in meta["removed_chars"].items():
            self.stat_update(f"cleaner_removed_chars_{category}", value=chars, unit="doc")
        return "cleaned", None

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data or ():
            self.stat_update("cleaner_documents")
            with self.track_time():
                status, reason = self.clean(doc)
            if status == "cleaned":
                self.stat_update("cleaner_cleaned")
                self.update_doc_stats(doc)
                yield doc
            elif status == "empty":
                self.stat_update("cleaner_dropped_empty")
            else:
                self.stat_update(f"cleaner_{status}")
                if self.on_error == "keep":
                    doc.metadata[self.metadata_key] = {"status": status, "reason": reason}
                    yield doc


def clean_documents(docs: Iterable[Document], **kwargs: Any) -> list[Document]:
    """Run :class:`CleanerStep` over ``docs`` in this process (no executor); the kept ones."""
    return list(CleanerStep(**kwargs).run(iter(docs)))
