"""Title protection, separator lines, link lists, and the fallback zone rules."""
from __future__ import annotations

from cleaner.config import Config

from cleaner.detect import detect
from cleaner.detect.zones import main_region, reported_title

from .conftest import context, decisions, paragraphs

MENU = ["Home", "News", "Sport", "Business", "Opinion", "Culture", "Travel"]
TITLE = "Council votes to turn the parking along the river into a cycle lane"


def test_title_is_kept_and_menu_goes() -> None:
    body = [p.replace("proposal", "cycle lane along the river") for p in paragraphs(5)]
    got = decisions([*MENU, TITLE, *body], Config(line_model=False))
    assert TITLE not in got
    assert got["Sport"] == ("navigation", "zone.outside")


def test_separator_lines() -> None:
    got = decisions([*paragraphs(2), "* * *", *paragraphs(2)], stop_before="comments.section")
    assert got["* * *"] == ("other", "line.no_words")


def test_related_list_under_heading() -> None:
    heads = ["How the bypass was built", "Ten years of the market square", "Mayor opens the new bridge"]
    got = decisions([*paragraphs(4), "Related articles", *heads], stop_before="html.outside_main")
    assert got["Related articles"][0] == "navigation"
    assert all(got[h] == ("navigation", "navigation.list") for h in heads)


def test_list_heading_goes_without_a_list() -> None:
    """A whole-line list heading with a single teaser under it: the heading goes, the teaser
    (too short a list to tell) and the article stay."""
    teaser = "Factbox: Key winners at the awards"
    lines = [*paragraphs(3), "Related Coverage", teaser, *paragraphs(6)[3:]]
    got = decisions(lines, stop_before="html.outside_main")
    assert got["Related Coverage"] == ("navigation", "navigation.list")
    assert teaser not in got and not set(paragraphs(6)) & set(got)


def test_a_list_heading_given_by_a_pattern_goes_like_a_whole_line_one() -> None:
    """``list_heads.txt``'s [regex] patterns match whole lines ("Similar recipes"): the
    heading and its list go as navigation.list, a teaser alone under it stays."""
    heads = ["Lemon cake with thyme", "Quick rye bread", "Plum tart for autumn"]
    got = decisions([*paragraphs(4), "Similar recipes:", *heads], stop_before="html.outside_main")
    assert got["Similar recipes:"] == ("navigation", "navigation.list")
    assert all(got[h] == ("navigation", "navigation.list") for h in heads)
    teaser = "Factbox: Key winners at the awards"
    got = decisions([*paragraphs(3), "Popular guides", teaser, *paragraphs(6)[3:]], stop_before="html.outside_main")
    assert got["Popular guides"] == ("navigation", "navigation.list")
    assert teaser not in got and not set(paragraphs(6)) & set(got)


def test_fallback_footer_zone() -> None:
    got = decisions([*paragraphs(5), "About us", "Contact", "Jobs", "Archive"], Config(line_model=False))
    assert got["Jobs"] == ("navigation", "zone.outside")


def test_title_words_match_the_article_by_their_stems() -> None:
    """In an inflected language the title's words recur in other forms ("autobusy",
    "autobusów"); the title is still found and kept."""
    body = [
        "Radni przegłosowali we wtorek powrót nocnych linii autobusowych, zawieszonych dwa lata temu z powodu braku kierowców.",
        "Pierwsze kursy autobusów wyjadą na ulice w marcu, a miasto zapłaci przewoźnikowi dwa miliony złotych rocznie.",
        "Mieszkańcy osiedli od dawna skarżyli się na brak nocnych połączeń, a radni obiecywali zmiany od wielu miesięcy.",
    ]
    ctx = detect(context(["Strona główna", "Rada miasta zdecydowała: nocne autobusy wrócą od marca", *body]))
    assert ctx.kept.get(1) == "keep.title"


def test_a_title_may_open_with_a_quote_mark() -> None:
    """News titles often open with a quote ("'We had no idea': …", „…", «…»): such a line
    is still the title, kept, and not removed with the menu above it."""
    body = [
        "The temporary flood barrier held back the river for three days, and its engineers say the idea started on a napkin.",
        "Nobody had tried a barrier of this size in a city centre before, the engineers said, and the insurers were against it.",
        "The team is now writing up the data so that other cities can build the same barrier, with an open design.",
    ]
    for title in ('"We had no idea it would work": the engineers behind the flood barrier',
                  "«Nobody had tried it»: the flood barrier engineers and their napkin"):
        ctx = detect(context(["News", "Culture", "Interviews", title, *body]))
        assert ctx.kept.get(3) == "keep.title" and 3 not in ctx.decided


def test_a_headline_over_its_dateline_is_the_title_with_few_shared_words() -> None:
    """A headline's words need not recur in the text ("Saftiger Apfelkuchen vom Blech" over
    a text of "Äpfel" and "Kuchen"): the nearest heading-like line above the article is the
    title when a dateline follows it, with a byline at most between them."""
    body = [
        "Wenn im Herbst die Äpfel reif sind, backe ich diesen Kuchen fast jede Woche, weil er schnell gemacht ist.",
        "Den Ofen auf 180 Grad vorheizen, Butter und Zucker schaumig schlagen und die Eier nacheinander unterrühren.",
        "Die Äpfel schälen, in Spalten schneiden und auf dem Teig verteilen, dann vierzig Minuten backen lassen.",
    ]
    title = "Saftiger Apfelkuchen vom Blech"
    for between in ([], ["von Anna Berger"]):
        lines = ["Startseite", "Rezepte", "Backen", title, *between, "Veröffentlicht am 12. Oktober 2026", *body]
        ctx = detect(context(lines))
        assert ctx.kept.get(3) == "keep.title"
    ctx = detect(context(["Startseite", "Rezepte", "Backen", title, *body]))
    assert ctx.kept.get(3) is None  # no dateline: the words must recur


def test_a_chinese_title_is_found_by_the_character_pairs_it_shares() -> None:
    """Chinese is written without spaces: a title is one or two "words" (too few to weigh),
    and they would never recur whole. Read as pairs of adjacent characters, it is a title's
    line: over its dateline, or sharing most of its pairs with the text."""
    body = [
        "上海市商务委员会20日宣布，将于本月底发放新一轮消费券，总额达五亿元，覆盖餐饮、零售和文旅等领域。",
        "据介绍，本轮消费券分三批发放，市民可通过指定应用程序领取。每人每批最多可领取一张。",
        "业内人士认为，消费券有助于提振年底消费，但效果还需进一步观察。",
    ]
    title = "上海发布新一轮消费券 总额达五亿元"
    ctx = detect(context(["首页", "新闻", "财经", "登录", title, "2026-11-20 09:15:32 来源：新华网 作者：李明", *body, "分享到：", "微信"]))
    assert ctx.kept.get(4) == "keep.title" and 4 not in ctx.decided


def test_a_byline_that_shares_the_texts_words_is_not_the_title() -> None:
    """"by Joseph Dickerson, Filed under: Fan Productions" names the writer, who the text
    names too: the headline above it is the title; "By the Numbers: …" is a headline."""
    body = [
        "Joseph Dickerson and a team of fans spent three years restoring the bridge set, and the Fan Productions crew filmed it all.",
        "The bridge set had been stored in a warehouse since the show ended, and Joseph says most of the panels were broken.",
        "Fan Productions will show the film at the convention in May, and Dickerson hopes the set can be seen there too.",
    ]
    title = "Save the bridge! A look at the fans restoring a starship set"
    ctx = detect(context(["News", "Videos", title, "by Joseph Dickerson, Filed under: Fan Productions", *body]))
    assert ctx.kept.get(2) == "keep.title" and 3 not in ctx.kept
    for headline in ("By the Numbers: the fans, the bridge and the starship set",
                     "Da Silva Fans Restore the Starship Bridge Set"):
        ctx = detect(context(["News", "Videos", headline, *body]))
        assert ctx.kept.get(2) == "keep.title", headline


LANE = [
    "The council voted on Tuesday to turn the parking along the river into a cycle lane, after a debate of four hours.",
    "Riders have asked for a cycle lane along the river for ten years, and the parking there is half empty most days.",
    "The works on the new cycle lane start in March, and the council says the river path will stay open meanwhile.",
]


def test_the_headline_above_a_caption_is_the_title() -> None:
    """A photo's caption right above the text shares its words too, but fewer than the
    headline above it: the headline is the title, and the caption is not kept as one."""
    caption = "Parking along the river on Tuesday"
    ctx = detect(context([*MENU, TITLE, caption, *LANE]))
    assert ctx.kept.get(len(MENU)) == "keep.title" and ctx.kept.get(len(MENU) + 1) != "keep.title"


def test_a_site_motto_far_above_is_not_the_title() -> None:
    """A blog's motto shares a few words with every post; further up than the headline and
    sharing fewer of the text's words, it is not the title."""
    motto = "Notes on the river, the council and the town"
    lines = [motto, *MENU, "Recent posts", "Market hall reopens", TITLE, *LANE]
    ctx = detect(context(lines))
    assert ctx.kept.get(lines.index(TITLE)) == "keep.title" and 0 not in ctx.kept


def test_a_headline_the_page_repeats_outweighs_a_nearer_line() -> None:
    """The headline recurs on the page (in the recent posts under the text); a line between
    it and the text, sharing about as many words, is not the title."""
    deck = "Riders welcome the new lane"
    headline = "River parking to become a cycle lane"
    lines = [*MENU, headline, deck, *LANE, *paragraphs(2), "Recent posts", headline, "Market hall reopens"]
    ctx = detect(context(lines))
    assert ctx.kept.get(len(MENU)) == "keep.title"
    without = detect(context(lines[: -3]))  # no repeat: the nearer line is the title
    assert without.kept.get(len(MENU) + 1) == "keep.title"


def test_the_texts_first_line_is_the_title_when_headline_shaped() -> None:
    """A long headline can open the main region itself (it weighs as text): it is still the
    title, by the words it shares with the lines after it, not with itself. A longer line
    there is a caption or the lead, not the title."""
    title = "Council votes to turn the riverside parking into a protected cycle lane after heated debates on Tuesday"
    assert main_region(detect(context([*MENU, title, *LANE]), stop_before="keep.title")) == (len(MENU), len(MENU) + 3)
    assert detect(context([*MENU, title, *LANE])).kept.get(len(MENU)) == "keep.title"
    teaser = "The council voted on Tuesday to turn the parking along the river into a…"
    ctx = detect(context([*MENU, teaser, *LANE]))
    assert ctx.kept.get(len(MENU)) != "keep.title"  # a cut teaser is no headline
    caption = ("The riverside parking on Tuesday, where the council wants riders to have a protected lane "
               "of their own next year Photo: Anna Berger")
    ctx = detect(context([*MENU, caption, *LANE]))
    assert ctx.kept.get(len(MENU)) != "keep.title"  # too long for a headline: a caption or a lead


def test_a_byline_split_over_lines_is_not_the_title() -> None:
    """"By" alone on its line, the writer's name and the paper's under it, then the date: the
    paper's name recurs in the text (and on the page), but it is part of the byline; the
    headline over the byline is the title, though it shares few words with the text."""
    paper = "The Riverside Post"
    body = [p + " the mayor told The Riverside Post." for p in LANE]
    headline = "Storm of protest greets the mayor's new plan"
    lines = [*MENU, headline, "By", "Jane Doe/City Hall Bureau", paper, "on October 31, 2012 at 5:03 PM", *body, paper]
    ctx = detect(context(lines))
    assert ctx.kept.get(len(MENU)) == "keep.title" and ctx.kept.get(len(MENU) + 3) != "keep.title"
    lines = [*MENU, headline, "By", "JANE DOE", "Published: October 31, 2012", *body]  # the name alone under "By"
    assert detect(context(lines)).kept.get(len(MENU)) == "keep.title"


def test_other_stories_headlines_under_the_title_are_no_deck() -> None:
    """The short lines between the title and the text are its deck (a standfirst, a byline),
    shielded from the line model; a list of other stories' headlines there is not."""
    deck = ["Riders have waited ten years for it", "By Jane Doe"]
    ctx = detect(context([*MENU, TITLE, *deck, *LANE]), stop_before="model.line")
    assert ctx.kept.get(len(MENU)) == "keep.title"
    assert {len(MENU) + 1, len(MENU) + 2} <= ctx.shielded
    series = ["Cycle Lanes Across Europe, Part 1", "Cycle Lanes Across Europe, Part 2", "The River Path Before The Lane"]
    ctx = detect(context([*MENU, TITLE, *series, *LANE]), stop_before="model.line")
    assert ctx.kept.get(len(MENU)) == "keep.title"
    assert not {len(MENU) + 1, len(MENU) + 2, len(MENU) + 3} & ctx.shielded


def test_short_lines_amid_removed_lines_outside_the_region_go_and_inside_stay() -> None:
    """``zone.gap``: a blogroll's entries that the model left amid removed ones (two above, two
    below) go, with the category of the line above, in a run of at most three; the same shape
    inside the main region (a subheading between a removed caption and a removed ad) stays,
    and so do a longer run and a line with only one removed line on a side."""
    from cleaner.detect.zones import outside_gaps

    lines = ["Blogroll", "MondoWeiss", "marginalia", "linkage", "Pickled Politics", "Minitrue", "alpha", "beta",
             "gamma", "delta", "Chicken Yoghurt", "Dead Men Left", "epsilon", "Europhobia", *paragraphs(3),
             "Photo: the new bridge", "What the council said", "Advertisement", *paragraphs(3, 3)]
    ctx = context(lines)
    for i in (0, 1, 4, 5, 10, 11, 13, 17, 19):
        ctx.decide(i, "navigation" if i < 14 else "ad", "model.line")
    assert main_region(ctx)[0] == 14
    outside_gaps(ctx)
    got = {i: (d.category, d.rule, d.evidence) for i, d in ctx.decided.items() if d.rule == "zone.gap"}
    assert got == {2: ("navigation", "zone.gap", "lines 1,4"), 3: ("navigation", "zone.gap", "lines 1,4")}


def test_a_headline_a_dateline_or_a_sentence_amid_removed_lines_outside_the_region_stays() -> None:
    """A title the title rule missed, a dateline or a sentence's end, over the region among
    removed lines, stays; a blogroll's entry goes."""
    from cleaner.detect.zones import outside_gaps

    for line, goes in (("marginalia", True), ("What Fuels the Power-Outage Numbers?", False),
                       ("July 24, 2012 12:11 AM", False), ("Hope to see you there.", False)):
        ctx = context(["Home", "World", line, "Share", "Tweet", "Best of the web", "Tide tables", *paragraphs(3)])
        for i in (0, 1, 3, 4):
            ctx.decide(i, "navigation", "model.line")
        assert main_region(ctx)[0] == 7
        outside_gaps(ctx)
        assert (2 in ctx.decided) is goes, line


def test_the_sidecar_names_a_two_word_headline_that_keep_title_does_not_protect() -> None:
    """A headline of two words ("Kleine Schafskunde") is the title the sidecar names, when its
    words recur in the text. ``keep.title`` protects three-word titles at least: a protected
    line shields its neighbours, and two-word lines are menu entries as often."""
    lines = [*MENU, "River Lanes", *LANE]
    ctx = detect(context(lines))
    assert reported_title(ctx) == len(MENU)
    assert "keep.title" not in ctx.kept.values()


def test_a_long_deck_above_the_text_is_not_the_reported_title() -> None:
    """A title-cased deck of 16 words between the headline and the text shares more of the
    text's words than the headline; beyond 14 words, each word costs it two: the headline is
    the title the sidecar names."""
    deck = "Riders Asked The Council For Ten Years To Turn The Half Empty River Parking Into A"
    ctx = detect(context([*MENU, TITLE, deck, *LANE]))
    assert reported_title(ctx) == len(MENU)


def test_the_reported_title_is_picked_again_once_every_rule_has_run() -> None:
    """A site's description, a sentence, opens the page above its menu and the headline: when
    ``keep.title`` runs, the main region starts there and no line above it is a title. Once the
    rules have run, the title is picked again above the region's first paragraph."""
    about = "The River Gazette is the independent paper of the river towns, with news, sport and opinion since 1901"
    lines = [about, "News", "Sport", TITLE, *LANE]
    ctx = detect(context(lines))
    assert "keep.title" not in ctx.kept.values()
    assert reported_title(ctx) == 3
