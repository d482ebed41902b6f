"""Cleaning one document: lines -> detection -> spans -> replayed clean text.

Detection (:mod:`cleaner.detect`) only decides; this module turns decisions into spans and
applies them with :func:`cleaner.spans.replay`, so the sidecar replays exactly to the output.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .config import Config
from .corpus import line_key
from .detect import Context, detect
from .detect.readerheader import header_fields
from .detect.zones import reported_title
from .document import Decision, Document, Line, Span
from .features import line_features, stopwords
from .language import LanguageGuess, detect_language, prose_sample
from .markdown import MARKUP_RULE, markup_spans
from .phrases import available_languages, load_phrasebook
from .blocks import text_lines
from .reader import RawDocument
from .spans import replay


@dataclass(slots=True)
class CleanResult:
    """The outcome for one document.

    ``source`` is the text the offsets refer to: the decoded raw text, or for HTML its
    block rendering. ``text == replay(source, removed)`` always holds.
    """

    source: str
    text: str
    removed: list[Span]
    flagged: list[Span]
    metadata: dict[str, Any] = field(default_factory=dict)


def _languages(guess: LanguageGuess, config: Config) -> tuple[str, ...]:
    have = set(available_languages())
    wanted = ([guess.code] if guess.code else []) + list(config.extra_languages)
    return tuple(dict.fromkeys(lang for lang in wanted if lang in have))


def content_lines(lines: list[Line]) -> list[Line]:
    """The lines that hold text: what detection sees.

    A blank line carries no content, only layout, and layouts differ: one scrape puts a blank
    line between paragraphs, another none. Detection sees the same neighbours either way (a
    line's context is the text around it); the blank lines stay in the source, and replay
    collapses the runs that removals leave.
    """
    return [line for line in lines if line.text and not line.text.isspace()]


def prepare_context(
    lines: list[Line], config: Config, repeated: frozenset[int], is_html: bool, path: str = "", url: str = "",
    title: str = "",
) -> Context:
    """The detection context of a document's lines, before any rule has run.

    Blank lines are left out (:func:`content_lines`). ``path`` (relative to RAW) and ``url``
    let user rules limited to a folder or site apply; ``title`` is the page's (HTML metadata).
    """
    lines = content_lines(lines)
    sample = prose_sample([l.text for l in lines])
    guess = detect_language(sample, config.langdetect_seed, config.language_min_chars)
    languages = _languages(guess, config)
    book = load_phrasebook(languages)
    stops = stopwords(guess.code)
    feats = [line_features(line, stops) for line in lines]
    matches = [book.match(line.text) if (f.words or line.text.strip()) and f.words <= config.phrase_max_words else None
               for line, f in zip(lines, feats)]
    rep = frozenset(i for i, line in enumerate(lines) if repeated and line_key(line.text) in repeated)
    return Context(lines, feats, matches, config, languages, is_html, rep, path=path, url=url or "", title=title)


def _spans(ctx: Context, source: str, extra: Sequence[Span] = ()) -> tuple[list[Span], list[Span]]:
    """The removed and the flagged (``keep_categories``) spans: ``ctx``'s decisions (whole
    lines, and the ends of lines, :attr:`Context.tails`) and ``extra``, in source order."""
    decided = [Span(ctx.lines[i].start, ctx.lines[i].stop, d.category, d.rule, d.score, d.evidence)
               for i, d in ctx.decided.items()]
    tails = (_tail_span(ctx.lines[i], source, n, d) for i, (n, d) in ctx.tails.items() if i not in ctx.decided)
    decided += [s for s in tails if s is not None]
    keep = set(ctx.config.keep_categories)
    spans = sorted([*decided, *extra], key=lambda s: s.start)
    return [s for s in spans if s.category not in keep], [s for s in spans if s.category in keep]


def _tail_span(line: Line, source: str, chars: int, d: Decision) -> Span | None:
    """The span of a line's last ``chars`` characters of text, where the source holds them
    as they are (not so in a Markdown line whose text is its rendering: then ``None``)."""
    start = line.end - chars
    if chars <= 0 or start < line.start or source[start : line.end] != line.text[-chars:]:
        return None
    return Span(start, line.end, d.category, d.rule, d.score, d.evidence)


def _markup(source: str, lines: list[Line], config: Config) -> list[Span]:
    """The spans of Markdown lines of markup alone, unless their rule is disabled."""
    return [] if MARKUP_RULE in config.disabled_rules else markup_spans(source, lines)


def clean_lines(
    source: str,
    lines: list[Line],
    config: Config,
    repeated: frozenset[int] = frozenset(),
    is_html: bool = False,
    path: str = "",
    url: str = "",
    title: str = "",
) -> CleanResult:
    """Detect boilerplate among ``lines`` of ``source`` and apply the removals."""
    ctx = detect(prepare_context(lines, config, repeated, is_html, path, url, title))
    removed, flagged = _spans(ctx, source, _markup(source, lines, config))
    text = replay(source, removed)
    keep = set(config.keep_categories)
    kept = [line.text for i, line in enumerate(ctx.lines) if i not in ctx.decided or ctx.decided[i].category in keep]
    guess = detect_language(prose_sample(kept), config.langdetect_seed, config.language_min_chars)
    title = reported_title(ctx)
    metadata: dict[str, Any] = {
        "language": guess.code,
        "language_confidence": guess.confidence,
        "language_reason": guess.reason,
        "phrase_languages": list(ctx.languages),
        "title": ctx.lines[title].text.strip() if title is not None else None,
        **header_fields(ctx),  # a reader service's header names the page's title, URL and date
    }
    return CleanResult(source, text, removed, flagged, metadata)


def clean_text(text: str, config: Config | None = None, repeated: frozenset[int] = frozenset()) -> CleanResult:
    """Clean plain text; offsets in the result refer to ``text`` itself."""
    return clean_lines(text, text_lines(text), config or Config(), repeated)


#: What :func:`warm_up` cleans: enough prose for the language guess and the line model.
WARM_UP_TEXT = (
    "Home\nNews\nThe council met on Tuesday to discuss the new budget for the coming year.\n"
    "Members agreed that the library and the swimming pool should stay open on weekends.\n"
    "Subscribe to our newsletter\n"
)


@functools.cache
def warm_up(config: Config) -> None:
    """Load, once per process, what cleaning loads on first use (the line model, phrase lists,
    language profiles), by cleaning a small text: a worker calls it before its first document's
    time limit starts, so that document does not pay for the loading."""
    try:
        clean_text(WARM_UP_TEXT, config)
    except Exception:  # a broken setup: the documents report it
        pass


def mark_html(
    lines: list[Line], tree: Any, config: Config, url: str | None = None, repairs: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The page's metadata; and trafilatura's vote: mark the lines of its main text.

    Metadata comes from the page's head (:mod:`cleaner.htmlmeta`), or from trafilatura when
    ``Config.trafilatura_metadata`` is on (the head fills its gaps); ``repairs`` (the
    rendering's, :class:`Prepared`) are kept in it for the sidecar.
    """
    from .html import extract_main, mark_main
    from .htmlmeta import head_metadata

    meta: dict[str, Any] = head_metadata(tree)
    if repairs:
        meta["repairs"] = list(repairs)
    if not (config.use_trafilatura and tree is not None and lines):
        return meta
    main, found = extract_main(tree, url, with_metadata=config.trafilatura_metadata)
    meta.update({k: v for k, v in found.items() if v})
    if main:
        mark_main(lines, main, meta.get("title"))
    return meta


def clean_rendered(
    source: str,
    lines: list[Line],
    tree: Any,
    config: Config,
    repeated: frozenset[int] = frozenset(),
    url: str | None = None,
    path: str = "",
    repairs: tuple[str, ...] = (),
) -> CleanResult:
    """Clean a rendered page (``tree`` is the parsed page, for trafilatura's vote; ``repairs``
    the rendering's)."""
    meta = mark_html(lines, tree, config, url, repairs)
    return clean_marked(source, lines, meta, config, repeated, url, path)


def clean_marked(
    source: str,
    lines: list[Line],
    meta: dict[str, Any],
    config: Config,
    repeated: frozenset[int] = frozenset(),
    url: str | None = None,
    path: str = "",
) -> CleanResult:
    """Clean a rendered page whose lines :func:`mark_html` has marked (``meta``: its result)."""
    page_url = meta.get("url") or url or ""
    page_title = meta.get("title")
    result = clean_lines(source, lines, config, repeated, is_html=True, path=path, url=page_url, title=page_title or "")
    result.metadata.update(meta)
    result.metadata["title"] = page_title or result.metadata["title"]
    return result


class Prepared(NamedTuple):
    """What :func:`clean_prepared` cleans: the source text (what offsets refer to), its lines,
    and for HTML the parsed tree and the repairs its rendering made."""

    source: str
    lines: list[Line]
    tree: Any = None
    repairs: tuple[str, ...] = ()


def prepare(raw: RawDocument) -> Prepared:
    """A raw document prepared for cleaning (:class:`Prepared`)."""
    if raw.format == "html":
        from .html import parse, render

        tree = parse(raw.text)
        source, lines, repairs = render(tree)
        return Prepared(source, lines, tree, repairs)
    return Prepared(raw.text, text_lines(raw.text))


def clean_prepared(
    fmt: str, prepared: Prepared, config: Config,
    repeated: frozenset[int] = frozenset(), path: str = "", url: str | None = None,
) -> CleanResult:
    """Clean a raw document as read and prepared (:func:`prepare`), by its format.

    ``path``: relative to RAW (a record's: its shard's); ``url``: the page's (a record's),
    for user rules' sites and trafilatura.
    """
    source, lines, tree, repairs = prepared
    if fmt == "html":
        return clean_rendered(source, lines, tree, config, repeated, url, path=path, repairs=repairs)
    return clean_lines(source, lines, config, repeated, path=path, url=url or "")


def clean_html(
    html: str, config: Config | None = None, repeated: frozenset[int] = frozenset(), url: str | None = None
) -> CleanResult:
    """Clean an HTML page; offsets refer to its block rendering (``result.source``)."""
    from .html import parse, render

    tree = parse(html)
    source, lines, repairs = render(tree)
    return clean_rendered(source, lines, tree, config or Config(), repeated, url, repairs=repairs)


def render_html(html: str) -> str:
    """The block rendering of a page (what HTML offsets refer to)."""
    from .html import parse, render

    return render(parse(html))[0]


def clean_document(doc: Document, config: Config | None = None, fmt: str = "auto") -> Document:
    """Clean one in-memory document, as ``make clean`` cleans a raw file.

    ``doc.text`` is plain text or an HTML page (``fmt``, or ``metadata["format"]``; sniffed
    when ``"auto"``). The result keeps ``doc``'s id and metadata and adds ``"cleaner"``: the
    sidecar's fields (language, title, every removed span with its category and rule; its
    ``offsets`` field says what they refer to: the text itself, or the page's block rendering).
    Raises :class:`cleaner.reader.Rejected` for empty or binary-looking text.
    """
    from .outputs import sidecar
    from .reader import raw_document

    config = config or Config()
    raw = raw_document(doc, fmt, max_bytes=config.max_bytes)
    url = doc.metadata.get("url")
    result = clean_prepared(raw.format, prepare(raw), config, url=url if isinstance(url, str) else None)
    meta = sidecar(str(doc.metadata.get("path") or doc.id), raw, result, config,
                   {"config_fingerprint": config.fingerprint()})
    return Document(doc.id, result.text, {**doc.metadata, "cleaner": meta})
