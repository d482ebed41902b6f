"""HTML rendering: one visible block per line, DOM hints, hidden and script content dropped."""
from __future__ import annotations

from cleaner.flathtml import FlatPage
from cleaner.html import mark_main, parse, render

PAGE = """<html><head><title>T</title><script>var x = 1;</script></head><body>
<nav class="main-menu"><a href="/">Home</a><a href="/news">News</a></nav>
<article><h1>Big news today</h1>
<p>First paragraph with <a href="#">a link</a> and more text.</p>
<figure><img src="a.jpg"><figcaption>A photo of the river.</figcaption></figure>
<div class="share-buttons"><span>Share</span></div>
<p style="display:none">Hidden text</p>
</article>
<section id="comments" class="comments-area"><p>Great article!</p></section>
<div class="newsletter-signup">Sign up now</div>
</body></html>"""


def test_render_blocks_and_hints() -> None:
    source, lines, _repairs = render(parse(PAGE))
    texts = [l.text for l in lines]
    assert "Big news today" in texts
    assert "First paragraph with a link and more text." in texts
    assert "Hidden text" not in source and "var x" not in source
    by_text = {l.text: l for l in lines}
    assert by_text["Share"].hint == "share"
    assert by_text["Great article!"].hint == "comments"
    assert by_text["Sign up now"].hint == "subscribe"
    assert by_text["A photo of the river."].hint == "caption"
    assert by_text["HomeNews"].hint == "navigation" and by_text["HomeNews"].link_density == 1.0
    assert by_text["Big news today"].tag == "h1"


def test_offsets_and_main_marking() -> None:
    source, lines, _repairs = render(parse(PAGE))
    for line in lines:
        assert source[line.start : line.end] == line.text
    mark_main(lines, "Big news today\nFirst paragraph with a link and more text.")
    main = [l.text for l in lines if l.in_main]
    assert main == ["Big news today", "First paragraph with a link and more text."]


def _marked(blocks: list[str], main_text: str, title: str | None = None) -> list[bool | None]:
    page = "<html><body>" + "".join(f"<p>{b}</p>" for b in blocks) + "</body></html>"
    _source, lines, _repairs = render(parse(page))
    mark_main(lines, main_text, title)
    return [l.in_main for l in lines]


def test_main_marking_finds_short_blocks_in_table_rows() -> None:
    """trafilatura writes a table row as ``| cell | cell |``: a short cell of ours (an
    ingredient, a figure) is in the main text when it is one of those cells."""
    main = "Zutaten für den Teig:\n| 65 g | Margarine oder Butter |\n| 1 Prise | Salz |"
    blocks = ["Startseite", "65 g", "Margarine oder Butter", "1 Prise", "Salz", "Teig"]
    assert _marked(blocks, main) == [False, True, True, True, True, False]


def test_main_marking_follows_short_blocks_that_trafilatura_joined() -> None:
    """Short labels that trafilatura joined into one line with their neighbours are in the
    main text where they continue a block found there; the same words elsewhere on the page
    (a menu) are not, as a short block anywhere in the text proves nothing."""
    main = "Zusammenarbeit Shuji und Walter im April 2018 Standorte Shuji: Japan. Filmmaterial Fuji X-TRA 400."
    blocks = ["Standorte", "Filmmaterial", "Zusammenarbeit Shuji und Walter im April 2018", "Standorte",
              "Shuji: Japan.", "Filmmaterial", "Fuji X-TRA 400.", "Impressum"]
    assert _marked(blocks, main) == [False, False, True, True, True, True, True, False]


def test_main_marking_counts_the_page_title_whatever_its_length() -> None:
    """trafilatura's text leaves the title out; a title block of any length is main text."""
    title = "Council approves the new budget for the coming year"
    assert _marked([title, "The council met on Tuesday."], "The council met on Tuesday.", title) == [True, True]


def test_main_marking_reads_words_split_by_invisible_characters_as_trafilatura_does() -> None:
    """trafilatura drops soft hyphens and zero-width spaces and writes NFC; a page that
    hyphenates its words (common in German) must still match its main text line by line."""
    article = "Es be\u00adste\u00adhen mar\u00adkante Un\u00adter\u00adschiede zwi\u00adschen den Werk\u00adzeug\u00adin\u00addus\u00adtrien."
    decomposed = "Der Cafe\u0301 o\u0308ffnet morgen wieder, sagt der Wirt\u200b."
    page = f"<html><body><h1>Steinzeit</h1><p>{article}</p><p>{decomposed}</p><p>Impressum</p></body></html>"
    source, lines, _repairs = render(parse(page))
    mark_main(lines, "Es bestehen markante Unterschiede zwischen den Werkzeugindustrien.\n"
                     "Der Caf\u00e9 \u00f6ffnet morgen wieder, sagt der Wirt.")
    assert [l.in_main for l in lines] == [False, True, True, False]


def test_rendering_leaves_out_invisible_characters() -> None:
    """Soft hyphens, zero-width spaces, word joiners and BOMs are not shown by a browser and
    split words for tools downstream; zero-width joiners shape scripts and emoji and stay.
    The same holds for a page too deep for lxml (rendered flat)."""
    para = "<p>Mit\u00adtel\u00adal\u00adter und Neu\u200bzeit\u2060, \ufeffkein Raum; \u0915\u094d\u200d\u0937</p>"
    want = "Mittelalter und Neuzeit, kein Raum; \u0915\u094d\u200d\u0937"
    _source, lines, _repairs = render(parse(f"<html><body>{para}</body></html>"))
    assert [l.text for l in lines] == [want]
    deep = "<div>" * 3000 + para + "</div>" * 3000
    tree = parse(deep)
    assert isinstance(tree, FlatPage)
    assert [l.text for l in render(tree)[1]] == [want]


def test_rendering_is_in_nfc_as_trafilatura_writes() -> None:
    """A page in decomposed form (a macOS export: "o" + combining diaeresis) or with Bengali's
    composed letters that NFC splits renders in NFC, the form trafilatura and most NLP tools
    write; so does a flat page."""
    para = "<p>Gr\u00fc\u0308n o\u0308ffnet; \u09b8\u09be\u09dc\u09c7</p>"
    want = ["Gr\u00fc\u0308n \u00f6ffnet; \u09b8\u09be\u09a1\u09bc\u09c7"]
    assert [l.text for l in render(parse(f"<html><body>{para}</body></html>"))[1]] == want
    tree = parse("<div>" * 3000 + para + "</div>" * 3000)
    assert isinstance(tree, FlatPage)
    assert [l.text for l in render(tree)[1]] == want


def test_rendering_leaves_out_ruby_annotations() -> None:
    """Furigana and pinyin (``<rt>``, ``<rp>``) are shown above their base text, not in it:
    rendered inline they split every word ("子こども"), and trafilatura leaves them out, so
    the article would not match its main text. The base text stays; an annotation whose end
    tag is left out ends at the next one or at the ruby's end. Also for a flat page."""
    para = (
        "<p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>虐待<rt>ぎゃくたい</ruby>を"
        "なくす<ruby>法律<rt>ほうりつ</ruby>。</p><p>Next</p>"
    )
    want = ["子どもへの虐待をなくす法律。", "Next"]
    assert [l.text for l in render(parse(f"<html><body>{para}</body></html>"))[1]] == want
    tree = parse("<div>" * 3000 + para + "</div>" * 3000)
    assert isinstance(tree, FlatPage)
    assert [l.text for l in render(tree)[1]] == want


def test_noscript_fallbacks_are_not_shown() -> None:
    """A browser that runs scripts shows no ``<noscript>`` content: a page's fallback notice
    or tracking pixel is not part of its text."""
    page = (
        "<html><body><noscript><p>Please enable JavaScript to use this site.</p></noscript>"
        "<p>The council met on Tuesday to discuss the budget.</p></body></html>"
    )
    assert [l.text for l in render(parse(page))[1]] == ["The council met on Tuesday to discuss the budget."]


def test_a_noscript_that_swallowed_the_page_is_shown() -> None:
    """libxml2 leaves ``<noscript>`` open when an element opened in it is not closed, and the
    whole page then lies inside it; a page built by scripts may also carry its text as a
    ``<noscript>`` fallback. When the ``<noscript>`` holds more text than the rest of the
    page, it is the page, and is shown (the article is not lost)."""
    article = ["Il risultato è molto positivo per la popolazione di orsi.", "Nel 2019 sono nati sedici cuccioli."]
    page = (
        '<html><body><noscript><div id="nojs"></noscript><div><p>Menu</p></div>'
        f"<article><p>{article[0]}</p><p>{article[1]}</p></article></body></html>"
    )
    tree = parse(page)
    assert tree.find(".//noscript//article") is not None  # the parse this guards against
    assert [l.text for l in render(tree)[1]] == ["Menu", *article]
    spa = f"<html><body><div id='app'></div><noscript><p>{article[0]}</p></noscript></body></html>"
    assert [l.text for l in render(parse(spa))[1]] == [article[0]]


def test_an_xhtml_page_with_an_xml_declaration_is_parsed_as_a_tree() -> None:
    """lxml refuses a decoded string that declares its encoding; the page must still get its
    tree (DOM hints, trafilatura's vote), not the flat fallback."""
    page = ('<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 '
            'Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
            '<body><div class="comments"><p>Great post!</p></div></body></html>')
    tree = parse(page)
    assert tree is not None and not isinstance(tree, FlatPage)
    assert [(l.text, l.hint) for l in render(tree)[1]] == [("Great post!", "comments")]


def test_markup_inside_attributes_does_not_make_a_page_flat() -> None:
    """Script-driven pages keep widget props (JSON with markup in it) in attributes; the
    tree has not lost text there, and the page keeps its tree."""
    props = '{"rules": "<p>' + "Bitte lesen Sie die Regeln, bevor Sie diskutieren. " * 40 + '</p>"}'
    page = f"<html><body><div data-props='{props}'></div><p>Der Artikel selbst.</p></body></html>"
    assert not isinstance(parse(page), FlatPage)


def test_unparseable_and_deep_pages() -> None:
    assert parse("   ") is None
    deep = "<div>" * 1000 + "deep text" + "</div>" * 1000
    source, _lines, _repairs = render(parse(deep))
    assert "deep text" in source


def test_every_element_is_an_html_element_chosen_without_python_lookups() -> None:
    """The tree's elements are all lxml.html ``HtmlElement`` (picked in C, not by lxml.html's
    per-element Python lookup), so trafilatura and the metadata search work on it as before."""
    import lxml.html

    tree = parse("<html><body><form><input name=q><select><option>a</option></select></form><p>Hi</p></body></html>")
    assert {type(el) for el in tree.iter()} == {lxml.html.HtmlElement}
    assert tree.body.text_content() == "aHi"
