"""Small realistic pages for the I/O tests: a news article as a text scrape and as HTML."""
from __future__ import annotations

import gzip
from pathlib import Path

MENU = ["Home", "News", "Sport", "Contact"]
TITLE = "Council approves new cycle lanes for the town centre"
PARAGRAPHS = [
    "The town council voted on Tuesday evening to approve a network of protected cycle lanes "
    "through the centre, after a debate that lasted more than three hours and drew a large crowd.",
    "Supporters said the lanes would make the streets safer for children riding to school, while "
    "several shop owners warned that the loss of parking spaces could hurt their trade.",
    "The plan will be paid for from the regional transport fund, and the first section along the "
    "river road is expected to open before the end of next summer, officials said.",
    "Councillor Maria Lopez, who chairs the transport committee, said the council had listened to "
    "both sides and changed the route twice to keep deliveries moving in the market square.",
]
COMMENTS = [
    "3 Comments",
    "Mark says:",
    "March 3, 2021 at 4:12 pm",
    "Great news, I have been waiting years for this and I hope they finish it on time.",
    "Reply",
    "Anna says:",
    "March 4, 2021 at 9:30 am",
    "I worry about the shops on the high street, parking is already hard to find.",
    "Reply",
]


def news_text(topic: str = "") -> str:
    """A text scrape: menu, title, four paragraphs, share and ad lines, a comment section.

    ``topic`` is added to every paragraph so that documents of one corpus differ.
    """
    paragraphs = [f"{p[:-1]}{topic}." if topic else p for p in PARAGRAPHS]
    lines = [*MENU, TITLE, *paragraphs, "Share this:", "Advertisement", *COMMENTS]
    return "\n".join(lines) + "\n"


def news_html(topic: str = "") -> str:
    """The same page as HTML, with a nav bar, an article, a share bar and comments."""
    paragraphs = [f"{p[:-1]}{topic}." if topic else p for p in PARAGRAPHS]
    nav = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    comments = "".join(f"<p>{c}</p>" for c in COMMENTS)
    return (
        f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{TITLE}</title></head><body>"
        f"<nav><ul>{nav}</ul></nav><article><h1>{TITLE}</h1>{body}</article>"
        f'<div class="share">Share this:</div><div class="ad">Advertisement</div>'
        f'<section id="comments">{comments}</section>'
        "<footer><p>Copyright 2021 Town Gazette. All rights reserved.</p></footer></body></html>\n"
    )


def write(path: Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path``, creating folders; ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def write_gz(path: Path, text: str) -> Path:
    """Write ``text`` gzip-compressed (a fixed mtime keeps the bytes stable)."""
    return write(path, gzip.compress(text.encode("utf-8"), mtime=0))


def tree_bytes(root: Path, skip_state: bool = True) -> dict[str, bytes]:
    """Every file under ``root`` (``.cleaner/`` left out when ``skip_state``) and its bytes."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not (skip_state and rel.startswith(".cleaner/")):
            out[rel] = path.read_bytes()
    return out


def slow_down(monkeypatch, marker: str = "slowly", seconds: float = 5) -> None:
    """Make cleaning a document whose text holds ``marker`` take ``seconds`` longer."""
    import time

    import cleaner.pipeline

    real = cleaner.pipeline.clean_lines

    def slow(source, *args, **kwargs):
        if marker in source:
            time.sleep(seconds)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(cleaner.pipeline, "clean_lines", slow)
