"""Mojibake repair while decoding (``cleaner/repair.py``, ``cleaner.reader``)."""
from __future__ import annotations

import json

import pytest

from cleaner.config import Config
from cleaner.html import parse, render
from cleaner.reader import document_from_bytes
from cleaner.repair import repair_mojibake, repair_text
from cleaner.runner import run
from cleaner.verify import verify_tree

#: How ftfy undoes ARTICLE's two lines: the first holds only Latin-1 letters, the second a dash.
STEPS = ("encode:latin-1 decode:utf-8", "encode:sloppy-windows-1252 decode:utf-8")
ARTICLE = (
    "Die Stadt hat die Veröffentlichung des Berichts für Dienstag angekündigt, sagte die Sprecherin.\n"
    "Ein Sprecher der Opposition nannte den Zeitplan – wie schon im Frühjahr – „zu knapp“.\n"
)


def _mangled(text: str, codec: str = "cp1252") -> str:
    """UTF-8 bytes read with the wrong codec: what a careless scraper writes."""
    return text.encode("utf-8").decode(codec, errors="replace")


def test_utf8_read_as_windows_1252_is_undone_and_the_steps_are_named() -> None:
    fixed, steps = repair_mojibake(_mangled(ARTICLE))
    assert fixed == ARTICLE
    assert steps == STEPS


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,  # umlauts, dashes and „quotes“: marks-free or read by ftfy as meant
        "SÃO PAULO — O governador anunciou na quinta-feira um novo plano.\n",  # a real Ã
        "Åre och Östersund får nya tåg, säger Trafikverket.\n",
        "Un café», dit-il. Le maître d’hôtel a refusé.\n",
        "Plain ASCII text with nothing to repair.\n",
    ],
)
def test_text_without_mojibake_is_left_as_it_is(text: str) -> None:
    assert repair_mojibake(text) == (text, ())


def test_windows_1252_punctuation_left_as_c1_controls_is_restored() -> None:
    fixed, steps = repair_mojibake("The \x93shrii\x94 form, as S\x92r\u00ee has it.\n")
    assert fixed == "The \u201cshrii\u201d form, as S\u2019r\u00ee has it.\n" and steps


def test_only_plain_text_documents_are_repaired_while_decoding() -> None:
    """An HTML page is decoded as it is: its rendering is repaired (what offsets count there)."""
    data = _mangled(ARTICLE).encode("utf-8")
    text = document_from_bytes(data, ".txt", "x", len(data))
    assert (text.text, text.repairs) == (ARTICLE, STEPS)
    page = document_from_bytes(b"<html><body><p>" + data + b"</p></body></html>", ".html", "x", len(data))
    assert page.repairs == () and _mangled(ARTICLE).strip() in page.text


def test_the_sidecar_records_the_repair_and_replays_on_the_repaired_text(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    (raw / "mangled.txt").write_text("Startseite\n" + _mangled(ARTICLE) + "Impressum\n", encoding="utf-8")
    run(raw, clean, Config(), jobs=1, quiet=True)
    sidecar = json.loads((clean / "mangled.json").read_text(encoding="utf-8"))
    assert sidecar["repairs"] == list(STEPS)
    assert "Veröffentlichung" in (clean / "mangled.txt").read_text(encoding="utf-8")
    assert verify_tree(raw, clean, Config()) == ([], 1)


def test_invisible_characters_go_and_the_text_is_in_nfc_as_in_an_html_rendering() -> None:
    """Soft hyphens and zero-width spaces split words for the tools downstream; a decomposed
    "o" + diaeresis becomes "ö". The zero-width joiner (it shapes scripts and emoji) stays."""
    text = "Die Ver\u00f6f\u00adfent\u00adlichung o\u0308ffnet\u200b morgen; \u0915\u094d\u200d\u0937\n"
    want = "Die Ver\u00f6ffentlichung \u00f6ffnet morgen; \u0915\u094d\u200d\u0937\n"
    assert repair_text(text) == (want, ("remove:invisible", "normalize:NFC"))
    data = (_mangled("Die Veröffentlichung ") + "o\u0308ffnet\u200b morgen.\n").encode("utf-8")
    doc = document_from_bytes(data, ".txt", "x", len(data))
    assert doc.text == "Die Veröffentlichung öffnet morgen.\n"
    assert doc.repairs == ("apply:decode_inconsistent_utf8", "remove:invisible", "normalize:NFC")


def _page(body: str) -> str:
    return f"<html><head><title>Bericht</title></head><body><nav><a href='/'>Startseite</a></nav>{body}</body></html>"


def test_an_html_pages_own_mojibake_is_repaired_in_its_rendering() -> None:
    """A site that stored UTF-8 read as Windows-1252 shows "VerÃ¶ffentlichung" in a browser;
    the rendering undoes it, block by block, and names the steps."""
    paragraphs = "".join(f"<p>{line}</p>" for line in _mangled(ARTICLE).splitlines())
    source, lines, repairs = render(parse(_page(paragraphs)))
    assert source == "Startseite\n" + ARTICLE and repairs == STEPS
    assert [(l.start, l.end) for l in lines] == [(0, 10), (11, 11 + len(ARTICLE.splitlines()[0])), (lines[2].start, len(source) - 1)]
    assert render(parse(_page("<p>Plain text, all well.</p>")))[2] == ()


def test_an_html_repair_is_in_the_sidecar_and_trafilaturas_vote_reads_the_same_text(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    body = "".join(f"<p>{line} {line}</p>" for line in _mangled(ARTICLE).splitlines())
    (raw / "page.html").write_text(_page(f"<article>{body}</article>"), encoding="utf-8")
    run(raw, clean, Config(), jobs=1, quiet=True)
    sidecar = json.loads((clean / "page.json").read_text(encoding="utf-8"))
    assert sidecar["repairs"] == list(STEPS)
    kept = (clean / "page.txt").read_text(encoding="utf-8")
    assert "Veröffentlichung" in kept and "– wie schon im Frühjahr –" in kept
    assert not [s for s in sidecar["removed"] if "Veröffentlichung" in s["text"] or "Frühjahr" in s["text"]]
    assert verify_tree(raw, clean, Config()) == ([], 1)


def test_an_html_rendering_names_its_invisible_and_nfc_steps_as_plain_text_does() -> None:
    """The rendering leaves out soft hyphens and zero-width spaces and composes "o" +
    diaeresis: text changed from the page's, so the steps are in ``repairs`` (in the order
    plain text names them), also for a page rendered flat (too deep for lxml)."""
    page = _page("<p>Die Ver\u00f6f\u00adfent\u00adlichung o\u0308ffnet\u200b morgen.</p>")
    source, _lines, repairs = render(parse(page))
    assert source == "Startseite\nDie Ver\u00f6ffentlichung \u00f6ffnet morgen.\n"
    assert repairs == ("remove:invisible", "normalize:NFC")
    assert render(parse(_page("<p>Nothing hidden here.</p>")))[2] == ()
    from cleaner.flathtml import FlatPage

    assert render(FlatPage(page))[2] == ("remove:invisible", "normalize:NFC")
