"""Fuzzing the document cleaner: random text and HTML built from boilerplate fragments.

Used by the property tests (:mod:`.test_invariants`) and on its own for a given time::

    python -m tests.robust.fuzz --seconds 60      # make fuzz FUZZ_SECONDS=60

Every generated document must clean without an exception, with spans in bounds, sorted and
disjoint, and replay of ``removed`` on the source giving exactly the clean text.
"""
from __future__ import annotations

import argparse
import sys
import time

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from cleaner.config import Config
from cleaner.pipeline import CleanResult, clean_html, clean_text
from cleaner.spans import check_spans, replay

ARTICLE = [
    "The council met on Tuesday evening to discuss the new budget, and members agreed that the plan "
    "would change how the town spends its money over the coming years.",
    "Residents who attended the meeting said they welcomed the decision, although several of them "
    "asked for more details about the timetable and the costs involved.",
    "Der Stadtrat hat am Dienstag einen neuen Haushalt beschlossen, der die Ausgaben der Stadt in den "
    "kommenden Jahren deutlich verändern wird.",
    "Le conseil municipal a adopté mardi soir un nouveau budget qui changera la façon dont la ville "
    "dépense son argent au cours des prochaines années.",
]
BOILERPLATE = [
    "Home", "News", "Contact", "Share this:", "Advertisement", "3 Comments", "Mark says:",
    "March 3, 2021 at 4:12 pm", "Reply", "Leave a Reply", "Related articles", "Subscribe to our newsletter",
    "Copyright 2021 Town Gazette. All rights reserved.", "Photo: Jane Doe", "About the author",
    "We use cookies to improve your experience.", "Tags: news, town", "Previous post", "Next post",
    "Follow us on Twitter", "Sponsored content", "Read more", "12 Responses to “Title”", "2 hours ago",
    "Like | Reply | Report", "Sign up now", "Comments (3)", "Kommentare", "Partager", "Publicidad",
]
ODD = [
    "", " ", "\t", "---", "***", "|", "•", "\u200b", "\ufeff", "\u00a0", "<", ">", "&amp;", "\x00", "\x0c",
    "\r", "\u0301\u0301", "\u202e", "🎉👨‍👩‍👧", "<div>" * 40, "</p>" * 5, "<!--", "-->", "<script>", "&#0;", "&#xD800;",
    "\u2028", "\u0085", "\x1c", "\x1d", "\x1e",
]
LINE_ENDS = ["\n", "\r\n", "\r", "\n\n", "\n \n"]
TAGS = ["p", "div", "li", "h1", "h2", "span", "a", "section", "footer", "nav", "aside", "td", "b", "pre"]
ATTRS = ["", ' class="share"', ' id="comments"', ' class="ad"', ' style="display:none"', " hidden", ' class="content"']

_unicode = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
fragment = st.one_of(st.sampled_from(ARTICLE), st.sampled_from(BOILERPLATE), st.sampled_from(ODD), _unicode)
lines = st.lists(fragment, max_size=30)


@st.composite
def text_documents(draw) -> str:
    """A plain-text document: fragments joined by mixed line ends."""
    parts = draw(lines)
    ends = draw(st.lists(st.sampled_from(LINE_ENDS), min_size=len(parts), max_size=len(parts)))
    return "".join(p + e for p, e in zip(parts, ends))


@st.composite
def html_documents(draw) -> str:
    """An HTML page: fragments in random (sometimes unclosed) tags."""
    out = ["<html><head><title>", draw(fragment), "</title></head><body>"]
    for part in draw(lines):
        tag, attrs = draw(st.sampled_from(TAGS)), draw(st.sampled_from(ATTRS))
        close = draw(st.booleans()) or tag in ("p", "li")
        out.append(f"<{tag}{attrs}>{part}" + (f"</{tag}>" if close else ""))
    return "".join(out) + "</body></html>"


def check(result: CleanResult) -> None:
    """The invariants of every result (raises ``AssertionError``)."""
    check_spans(result.removed, len(result.source))
    check_spans(result.flagged, len(result.source))
    assert replay(result.source, result.removed) == result.text
    assert all(s.end > s.start for s in result.removed)


def fuzz_once(doc: str, is_html: bool, config: Config) -> CleanResult:
    """Clean ``doc`` and check the invariants."""
    result = clean_html(doc, config) if is_html else clean_text(doc, config)
    check(result)
    return result


BATCH = 50


def _batch(config: Config, batch: int) -> None:
    """One batch of ``BATCH`` generated documents (hypothesis shrinks a failure and raises)."""

    @seed(batch)
    @settings(max_examples=BATCH, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(text_documents().map(lambda d: (d, False)), html_documents().map(lambda d: (d, True))))
    def run(case: tuple[str, bool]) -> None:
        fuzz_once(case[0], case[1], config)

    run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    config = Config()
    deadline = time.monotonic() + args.seconds
    batch = 0
    while time.monotonic() < deadline:
        _batch(config, batch)
        batch += 1
    print(f"fuzz: {batch} batches of {BATCH} documents, no failure", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
