"""Comment sections: start, extent, and article text that must survive around them."""
from __future__ import annotations

from cleaner.detect.comments import STRONG, _short, _strength
from cleaner.features import text_features
from cleaner.phrases import load_patterns
from cleaner.regexindex import index_of

from cleaner.detect import detect

from .conftest import context, decisions, paragraphs

COMMENT = "I completely agree with this decision, it has been a long time coming for our town."


def section() -> list[str]:
    return [
        "3 Responses",
        "Mark says:",
        "March 3, 2021 at 4:12 pm",
        COMMENT,
        "Reply",
        "Anna says:",
        "March 4, 2021 at 9:30 am",
        COMMENT.replace("agree", "disagree"),
        "Reply",
    ]


def test_section_removed_as_comments() -> None:
    got = decisions([*paragraphs(5), *section()], stop_before="model.line")
    assert got[COMMENT] == ("comments", "comments.section")
    assert got["March 3, 2021 at 4:12 pm"] == ("comments", "comments.section")
    assert got["3 Responses"][0] == "comments"
    assert not set(paragraphs(5)) & set(got)


def test_comment_count_in_byline_does_not_eat_the_article() -> None:
    lines = ["Council approves the parking plan", "By Jane Doe | 12 Comments", *paragraphs(6)]
    got = decisions(lines, stop_before="model.line")
    assert not set(paragraphs(6)) & set(got)


def test_comment_heading_then_article_text_is_not_a_section() -> None:
    lines = [*paragraphs(2), "Comments", *paragraphs(4)]
    got = decisions(lines, stop_before="model.line")
    assert not set(paragraphs(4)) & set(got)


def test_headless_commenter_lines_need_three_strong_pieces() -> None:
    lines = [*paragraphs(4), "by anna on March 4, 2021 at 9:30 am. Reply", COMMENT]
    got = decisions(lines, stop_before="model.line")
    assert COMMENT not in got


def test_quote_intro_in_the_article_does_not_swallow_the_comment_heading() -> None:
    """ "a reader wrote:" is comment furniture; in the article it starts no section, and the
    comment heading a few lines below still starts one."""
    quoted = "I predict that the result is going to be very heavily influenced by the shape of the page."
    lines = [*paragraphs(3), "a different reader wrote:", quoted, *paragraphs(6)[5:], "53 Comments", *section()]
    got = decisions(lines, stop_before="model.line")
    assert got[COMMENT] == ("comments", "comments.section")
    assert quoted not in got and not set(paragraphs(6)) & set(got)


def test_count_heading_with_an_invitation_starts_a_section() -> None:
    lines = [*paragraphs(4), "{ 53 comments… read them below or add one }", "1", "Tim Worstall 11.06.12 at 11:06 am",
             COMMENT, "2", "Jo Bloggs 11.06.12 at 11:22 am", COMMENT.replace("agree", "disagree")]
    got = decisions(lines, stop_before="model.line")
    assert got["{ 53 comments… read them below or add one }"] == ("comments", "phrase.regex")
    assert got[COMMENT] == ("comments", "comments.section")


def test_comment_button_in_the_header_does_not_eat_the_article() -> None:
    """A "Comments" button under the lead, the article, then teasers aged "3 hours ago":
    a heading followed by many prose lines is no comment section."""
    lines = [paragraphs(1)[0], "Share", "Comments", *paragraphs(9)[1:], "More from the site",
             "A teaser headline about something else", "3 hours ago"]
    got = decisions(lines, stop_before="model.line")
    assert not set(paragraphs(9)) & set(got)


def test_a_short_sentence_ending_in_said_does_not_start_the_comments_early() -> None:
    """"'Nuff said." closes the article; the comments ("Kevin said,") start after the byline.
    A line with one full stop is a sentence, not a commenter line."""
    article = paragraphs(6)
    lines = [*article[:4], "\u2018Nuff said.", "What are your favorite places?", article[4],
             "Posted on August 9th, 2012 by lucky", "Filed under: Travel | 48 Comments",
             "August 9th, 2012 at 8:38 am", "Kevin said,", COMMENT, "August 9th, 2012 at 8:41 am",
             "Anna said,", COMMENT.replace("agree", "disagree"), "August 9th, 2012 at 8:45 am", "Tim said,", LAST]
    got = decisions(lines, stop_before="model.line")
    assert got["Kevin said,"] == ("comments", "comments.section") and got[LAST] == ("comments", "comments.section")
    assert "\u2018Nuff said." not in got and article[4] not in got
    assert "What are your favorite places?" not in got


def test_an_action_bar_does_not_take_the_lead_before_related_teasers() -> None:
    """"Comment … Report" buttons above the article (comment words, a strong one among them),
    the lead paragraphs, then a "Related topics" box of teasers with their times: a comment
    section holds no link list's heading, so the chain ends at the bar and the lead stays."""
    lead = paragraphs(3)
    lines = [*lead[:1], "Comment", "Save", "Save this article to read it later", "Report", "Home",
             *lead[1:], "Related topics", "Politics", "07:15 p.m.", "A teaser headline about the campaign",
             "Economy", "02:38 p.m.", "Another teaser headline about prices", *paragraphs(9)[3:]]
    got = decisions(lines, stop_before="model.line")
    assert got["Report"] == ("comments", "comments.section")
    assert not set(paragraphs(9)) & set(got)


LAST = COMMENT.replace("I completely", "Like the others here I")


def _dated(n: int) -> str:
    return f"on 25 Oct 2012 at 7:{10 + n} pm{n} Reader Number {n}"


def _long_comment(n: int) -> list[str]:
    return [f"Comment {n}, line {k}: " + COMMENT.replace("town", "town and its people") for k in range(7)]


def test_a_long_comment_does_not_end_the_section() -> None:
    """Comments dated in one pattern; the third runs to seven prose lines. The next dated
    line continues the section (same kind of furniture, repeated before), so the comments
    after the long one go too."""
    lines = [*paragraphs(5), "3 Responses", _dated(1), COMMENT, _dated(2), COMMENT.replace("agree", "disagree"),
             _dated(3), *_long_comment(3), _dated(4), LAST]
    got = decisions(lines, stop_before="model.line")
    assert got[_dated(4)] == ("comments", "comments.section")
    assert got[LAST] == ("comments", "comments.section")
    assert not set(paragraphs(5)) & set(got)


def test_blog_front_page_posts_are_not_one_long_comment() -> None:
    """A blog's front page: each post ends with its byline and a "Comments (0)" link. Posts
    are not comments: a chain with several headings does not reach across long posts."""
    def post(n: int) -> list[str]:
        return [f"Post {n}: " + p for p in paragraphs(6)] + [f"Posted by jamie k at 0{n}:54 PM | Permalink", f"Comments ({n})"]

    lines = [*post(1), *post(2), *post(3), *post(4)]
    got = decisions(lines, stop_before="model.line")
    assert not {p for p in lines if p.startswith("Post 3: ")} & set(got)


def test_typepad_comment_signatures_make_a_section() -> None:
    """No comment heading, but three "Posted by: Name | date" signatures (strong furniture)."""
    sig = [f"Posted by: Reader {n} | Mar 26, 2007 2:0{n}:18 PM" for n in range(3)]
    lines = [*paragraphs(5), COMMENT, sig[0], COMMENT.replace("agree", "disagree"), sig[1], LAST, sig[2]]
    got = decisions(lines, stop_before="model.line")
    assert all(got[s] == ("comments", "comments.section") for s in sig)
    assert got[LAST] == ("comments", "comments.section")
    assert not set(paragraphs(5)) & set(got)


def test_embedded_posts_signatures_are_not_comment_furniture() -> None:
    """An article quoting posts ("— Name (@handle) March 16, 2020") after a "Comment" button
    keeps its text: the signatures look like commenters' names and dates, but are not."""
    quote = "Maybe worth considering this for the town budget https://t.co/abc"
    lead = "Rumours spread faster than the facts during the debate, and the posts below show how."
    lines = [
        "Council approves the parking plan", *paragraphs(2), "Comment", lead, quote,
        "— Jane Doe (@janedoe) March 16, 2020", quote,
        "— Mark Roe (@mark_roe) 21. März 2020", *paragraphs(3),
    ]
    got = decisions(lines, stop_before="model.line")
    assert not {lead, *paragraphs(3), quote} & set(got)
    assert not any(rule == "comments.section" for _cat, rule in got.values())


def test_count_heading_with_a_word_before_comments_starts_a_section() -> None:
    """ "8 appreciated comments on “Title”" heads comments signed "Name, on Date"."""
    lines = [*paragraphs(4), "8 appreciated comments on “The new bridge”",
             "Rachel, on November 9th, 2012 // Twitter: @rachel", COMMENT,
             "Luke, on November 9th, 2012 //", COMMENT.replace("agree", "disagree")]
    got = decisions(lines, stop_before="model.line")
    assert got[COMMENT] == ("comments", "comments.section")
    assert got["8 appreciated comments on “The new bridge”"] == ("comments", "phrase.regex")
    assert not set(paragraphs(4)) & set(got)


def test_blogger_and_profile_link_commenter_lines_are_furniture() -> None:
    """Blogger puts "said..." on a line of its own; Disqus and Facebook comments put the
    commenter's profile link before the name; "Report as abusive" ends a comment's signature."""
    lines = [*paragraphs(4), "Tim", "said...", COMMENT,
             "http://www.facebook.com/anna.smith Anna Smith", COMMENT.replace("agree", "disagree"),
             "Posted by Mark | Report as abusive", COMMENT.replace("completely", "partly")]
    got = decisions(lines, stop_before="model.line")
    assert got[COMMENT] == ("comments", "comments.section")
    assert got["said..."] == ("comments", "comments.section")
    assert got[COMMENT.replace("completely", "partly")] == ("comments", "comments.section")
    assert not set(paragraphs(4)) & set(got)


def test_a_blog_front_page_with_long_post_signatures_stays() -> None:
    """A blog's front page signs each post "Posted by Name in blog at 05:46 | Comments (0) |
    Trackbacks (0)": 13 words, more than comment furniture has (``FURNITURE_MAX_WORDS``), so
    the signatures do not chain the posts into one comment section (with a limit of 14 words
    a CleanEval page lost every post)."""
    sig = [f"Posted by Mark Roe in markey at 0{n}:46 | Comments ({n}) | Trackbacks (0)" for n in range(4)]
    posts = [paragraphs(2, first=2 * n) for n in range(4)]
    lines = [line for n in range(4) for line in (*posts[n], sig[n])]
    got = decisions(lines, stop_before="model.line")
    assert not {p for post in posts for p in post} & set(got)


def test_a_dated_article_sentence_after_a_comment_link_stays() -> None:
    """A sentence of the article that holds a date, after a "Comments" link in the article,
    is not a comment's signature: the article goes on after it."""
    dated = "The mayor said on March 3, 2021 that the new lanes would open in May."
    lines = [*paragraphs(2), "Comments", dated, *paragraphs(3, first=2)]
    got = decisions(lines, stop_before="model.line")
    assert not {dated, *paragraphs(3, first=2)} & set(got)


GERMAN_ARTICLE = [
    "Der Gemeinderat hat am Dienstagabend über den neuen Radweg entlang der Bahnlinie beraten und ihn mit großer Mehrheit beschlossen.",
    "Die Bauarbeiten sollen im Frühjahr beginnen, und die Stadt rechnet mit Kosten von rund zwei Millionen Euro für den ganzen Abschnitt.",
    "Anwohner hatten sich in einer Versammlung vor allem Sorgen um die Parkplätze gemacht, die an der Straße wegfallen werden.",
]
GERMAN_COMMENT = "Endlich passiert etwas, ich fahre jeden Tag dort entlang und freue mich schon sehr auf den Radweg."


def test_a_wpdiscuz_section_is_removed() -> None:
    """wpDiscuz (a common WordPress comment plugin) opens its section with statistics and a
    subscription form, and puts votes and a reply link under each comment."""
    header = ["Hinterlasse einen Kommentar", "12 Kommentar Themen", "5 Themen Antworten",
              "Beliebtestes Kommentar Thema", "17 Kommentatoren", "Letzte Kommentartoren",
              "Benachrichtige mich zu:", "Alle neuen Kommentare", "Kommentare abonnieren?", "neuste älteste beste Bewertung"]
    votes = "Daumen hoch2Daumen runter Antworten"
    comments = ["Franzi", GERMAN_COMMENT, votes, "19. Februar 2017 20:00",
                "Kathrin", GERMAN_COMMENT.replace("jeden Tag", "oft"), votes, "20. Februar 2017 08:10"]
    got = decisions([*GERMAN_ARTICLE, *header, *comments], stop_before="model.line")
    assert got["12 Kommentar Themen"] == ("comments", "phrase.regex")
    assert got["Benachrichtige mich zu:"] == ("comments", "phrase.line")
    assert got[GERMAN_COMMENT] == ("comments", "comments.section")
    assert got[votes] == ("comments", "comments.section")
    assert not set(GERMAN_ARTICLE) & set(got)

    english = ["Notify of", "new follow-up comments", "new replies to my comments", "Inline Feedbacks",
               "View all comments", "12 Comment threads", "5 Thread replies", "17 Commenters", "Most Voted", "Newest Oldest Most Voted"]
    got = decisions([*paragraphs(4), *english], stop_before="model.line")
    assert all(got[line][0] == "comments" for line in english), got


def test_a_blog_front_page_with_short_post_signatures_stays() -> None:
    """Blogger and Serendipity sign each post "Posted by Name (in blog) at 05:46" and date the
    next: a byline with a time is only weak furniture (like any dated line), so signatures
    alone cannot make a headless section that swallows the posts after the first."""
    sig = [f"Posted by Mark Roe in markey at 0{n}:46" for n in range(4)]
    posts = [paragraphs(2, first=2 * n) for n in range(4)]
    lines = [line for n in range(4) for line in (f"Monday, December {n + 1}. 2006", *posts[n], sig[n])]
    got = decisions(lines, stop_before="model.line")
    assert not {p for post in posts for p in post} & set(got)
    assert not any(rule == "comments.section" for _cat, rule in got.values())


def test_a_reviews_scores_are_not_comment_furniture() -> None:
    """A review scores each part ("Score: 9 out of 10"): not Slashdot's "(Score:5, Insightful)",
    so three of them do not make a headless comment section of the review."""
    parts = [paragraphs(2, first=2 * n) for n in range(4)]
    lines = [line for n in range(4) for line in (*parts[n], f"Score: {n + 6} out of 10")]
    got = decisions(lines, stop_before="model.line")
    assert not {p for part in parts for p in part} & set(got)
    slashdot = [*paragraphs(4), "Great story (Score:5, Insightful)", COMMENT, "(Score:5, Insightful)",
                COMMENT.replace("agree", "disagree"), "(Score:3, Funny)", LAST, "(Score:1)"]
    assert decisions(slashdot, stop_before="model.line")[LAST] == ("comments", "comments.section")


def test_a_compound_age_is_comment_furniture() -> None:
    """Q&A sites date answers "8 years, 2 months ago": three such lines make a section."""
    lines = [*paragraphs(4)]
    for name in ("anna", "mark", "jo"):
        lines += ["8 years, 2 months ago", COMMENT.replace("town", name)]
    got = decisions(lines, stop_before="model.line")
    assert got[COMMENT.replace("town", "mark")] == ("comments", "comments.section")
    assert not set(paragraphs(4)) & set(got)


def test_a_chinese_comment_section_is_removed() -> None:
    """Chinese comment furniture (rules/zh/comments.txt, comment_meta.txt): the heading, each
    comment's age and its reply button; the article before it stays."""
    article = [
        "市图书馆昨天宣布，从下个月一日起，总馆和三个分馆将在工作日延长开放时间，每天晚上九点半才闭馆。",
        "过去，图书馆每天下午六点就关门，不少上班的读者只能在周末来借书，调查显示超过六成的读者希望晚上也能使用阅览室。",
        "馆长介绍，图书馆将新招聘十二名工作人员，并请志愿者在晚上协助整理书架，所需经费由市财政和区财政共同承担。",
    ]
    comment = "太好了，下班以后终于可以去借书了，希望周末也能延长。"
    lines = [*article, "网友评论", "3小时前", comment, "回复", "1天前", comment.replace("太好了", "支持"), "回复"]
    got = decisions(lines, stop_before="model.line")
    assert got[comment] == ("comments", "comments.section")
    assert got["3小时前"][0] == "comments"
    assert not set(article) & set(got)


def test_a_dates_numbers_do_not_make_a_commenter_line_too_long() -> None:
    """Signatures run together with their links ("by Name on Aug 8, 2012 5:21 PM PDT reply
    actions") have 13 words, four of them the date's and time's numbers: still furniture."""
    sig = [f"by Reader Number {n} on Aug 8, 2012 5:2{n} PM PDT reply actions" for n in range(3)]
    lines = [*paragraphs(5), "3 Comments", sig[0], COMMENT, sig[1], COMMENT.replace("agree", "disagree"), sig[2], LAST]
    got = decisions(lines, stop_before="model.line")
    assert all(got[s] == ("comments", "comments.section") for s in sig)
    assert got[LAST] == ("comments", "comments.section")
    assert not set(paragraphs(5)) & set(got)


def test_only_numbers_standing_alone_are_left_out_of_the_furniture_length() -> None:
    def short(text: str) -> bool:
        return _short(text_features(text, frozenset()).words, text)

    assert short("by Reader Number 1 on Aug 8, 2012 5:21 PM PDT reply actions")
    assert short("Mark says: March 3, 2021 at 4:12 pm")
    assert not short("0](http://example.com/2012/10/30/the-title-of-a-post-about-the-film-and-its-cast/#comments) ||")
    assert not short("The council met on May 3, 2012 and voted 12 to 3 on the new budget for the library.")
    assert not short("")


def test_pingbacks_are_comment_furniture() -> None:
    """WordPress lists pingbacks among the comments ("Pingback: Title | Site"), in the same
    English words on sites in any language: strong furniture, so the comments after them are
    a section without a heading."""
    pings = ["Pingback: Ten ways to fix the town budget | City Notes", "Trackback: Budget news | Local blog",
             "Pingback: Council approves the plan | Town Watch"]
    lines = [*paragraphs(5), pings[0], COMMENT, pings[1], COMMENT.replace("agree", "disagree"), pings[2], LAST]
    got = decisions(lines, stop_before="model.line")
    assert all(got[p] == ("comments", "comments.section") for p in pings)
    assert got[LAST] == ("comments", "comments.section")
    assert not set(paragraphs(5)) & set(got)


def test_a_commenters_header_seen_again_after_a_long_comment_goes_on_with_the_section() -> None:
    """After a long comment (more prose than a gap allows) ending in a dated link, the
    section goes on where the header it has had comes again ("X says:" over the date)."""
    long_comment = [COMMENT.replace("this decision", f"point {n} of the plan") for n in range(6)]
    lines = [
        *paragraphs(5), "3 Responses", "Mark says:", "March 3, 2021 at 4:12 pm", *long_comment,
        "https://example.org/2021/03/02/budget-report.html 02.03.2021", "Reply",
        "Anna says:", "March 4, 2021 at 9:30 am", LAST,
    ]
    got = decisions(lines, stop_before="model.line")
    assert all(got[line] == ("comments", "comments.section") for line in long_comment)
    assert got["March 4, 2021 at 9:30 am"] == got[LAST] == ("comments", "comments.section")
    assert not set(paragraphs(5)) & set(got)


def test_a_date_line_ending_in_reply_links_is_commenter_furniture() -> None:
    """A forum or blog theme puts each comment's date and its reply links on one line
    ("18.10.2019, 16:18 Zum Antworten anmelden Zitieren"): strong furniture, so three of them
    make a section without a heading."""
    dates = ["18.10.2019, 16:18 Zum Antworten anmelden Zitieren", "1. Juli 2018 um 11:08 Uhr - Antworten",
             "19.10.2019, 14:24 Zitieren"]
    comments = ["Franzi", dates[0], GERMAN_COMMENT, "Kathrin", dates[1], GERMAN_COMMENT.replace("jeden Tag", "oft"),
                "Jens", dates[2], GERMAN_COMMENT.replace("jeden Tag", "selten")]
    got = decisions([*GERMAN_ARTICLE, *comments], stop_before="model.line")
    assert all(got[d] == ("comments", "comments.section") for d in dates)
    assert got[GERMAN_COMMENT] == ("comments", "comments.section")
    assert not set(GERMAN_ARTICLE) & set(got)

    dates = ["Mar 3, 2021 12:05 PM Reply Quote", "March 4, 2021 at 9:30 am Reply", "Mar 5, 2021 8:01 am Quote"]
    lines = [*paragraphs(5), "Mark", dates[0], COMMENT, "Anna", dates[1], COMMENT.replace("agree", "disagree"),
             "Jens", dates[2], LAST]
    got = decisions(lines, stop_before="model.line")
    assert all(got[d] == ("comments", "comments.section") for d in dates)
    assert got[LAST] == ("comments", "comments.section")
    assert not set(paragraphs(5)) & set(got)


def test_a_shops_customer_reviews_are_its_comments() -> None:
    """A product page's reviews: a reviews heading, then each review's stars and "Verified
    Purchase" over its text. The product's description above them stays."""
    review = "The hutch was easy to build and the rabbits love the run, it feels very sturdy."
    lines = [*paragraphs(4), "Customer reviews", "5 out of 5 stars", "Verified Purchase", review,
             "4.0 out of 5 stars", "Verified Purchase", review.replace("easy", "quick")]
    got = decisions(lines, stop_before="model.line")
    assert got[review] == ("comments", "comments.section")
    assert got["Verified Purchase"] == ("comments", "comments.section")
    assert not set(paragraphs(4)) & set(got)
    product = [
        "Der Kleintierstall aus Kiefernholz hat zwei Etagen, eine Rampe und ein Freilaufgehege mit Gitter.",
        "Das Dach lässt sich aufklappen, so dass Sie den Stall leicht reinigen können, und die Schublade ist herausnehmbar.",
        "Der Stall ist für zwei Kaninchen oder vier Meerschweinchen gedacht und wird mit einer Anleitung geliefert.",
    ]
    german = [*product, 'Kundenbewertungen für "Natura Kleintierstall"', "5 von 5 Sternen", "Verifizierter Kauf",
              "Der Stall war schnell aufgebaut und unsere Kaninchen fühlen sich darin sehr wohl."]
    got = decisions(german, stop_before="model.line")
    assert got[german[-1]] == ("comments", "comments.section") and not set(product) & set(got)


def test_an_action_bar_that_each_comment_repeats_goes_on_over_a_long_comment() -> None:
    """Slashdot: every comment has the same action bar ("Reply to This Parent Share", a
    comment phrase, so a heading) and a header of strong furniture. After a comment longer
    than a gap allows, which opens with a short quote (no prose, so the section's last comment
    would end there), the bar comes again: the section goes on over the long comment."""
    def header(n: int) -> list[str]:
        return ["Re:Standard connectors? LOL you wish!", "(Score:5, Informative)", f"by itsdapead (73441{n}) writes:",
                f"on Tuesday July 24, @02:2{n}PM (#4075330{n})"]

    bar = ["Reply to This Parent Share", "twitter", "facebook", "Flag as Inappropriate"]
    long_comment = ["> I have yet to see anything truly innovative come out of it,"]
    long_comment += [COMMENT.replace("this decision", f"point {n} of the plan") for n in range(8)]
    lines = [*paragraphs(5), "27 comments", *header(1), COMMENT, *bar, *header(2), COMMENT, *bar, *header(3),
             *long_comment, *bar, *header(4), LAST, *bar]
    got = decisions(lines, stop_before="model.line")
    assert all(got[line] == ("comments", "comments.section") for line in long_comment)
    assert got[LAST] == ("comments", "comments.section")
    assert not set(paragraphs(5)) & set(got)


def test_a_typepad_signature_split_over_lines_is_comment_furniture() -> None:
    """A text dump splits TypePad's "Posted by: Jane | date" over three lines. The label alone,
    with its colon, is strong furniture (a label's colon is kept for a second search), so the
    comments' text before each signature goes too; Blogger's "Posted by" with no colon signs a
    post, and alone is no furniture."""
    def comment(n: int) -> list[str]:
        return [COMMENT.replace("this decision", f"point {n} of the plan"), "Posted by:", f"Jim Ewel{n} |",
                f"September 2{n}, 2012 at 05:4{n} PM"]

    lines = [*paragraphs(5), "Comments", *comment(1), *comment(2), *comment(3)]
    got = decisions(lines, stop_before="model.line")
    assert all(got[line] == ("comments", "comments.section") for n in (1, 2, 3) for line in comment(n))
    assert not set(paragraphs(5)) & set(got)
    ctx = context(["Posted by:", "Posted by"])
    strong, weak = (index_of(load_patterns(("en",), name, normalised=True)) for name in ("comment_meta", "comment_dates"))
    assert _strength(ctx, 0, strong, weak)[0] == STRONG
    assert _strength(ctx, 1, strong, weak) is None


def test_a_comment_section_that_outweighs_a_short_article_is_still_a_section() -> None:
    """A short article that ends in a list (a top 30 of names) under many comments: the
    comments hold the most prose, so the main region is theirs, and its first prose line lies
    after the comment heading. A heading above the region whose chain runs on to the region's
    end, with the article's prose above it, still starts the section; the title kept inside
    it is picked again, above the article."""
    title = "Council members discuss the town's money plan"
    names = [f"{n}. Singer Number{n}" for n in range(1, 31)]

    def comment(n: int) -> list[str]:
        return [f"Reader{n}", f"June {n + 1}, 2015 at 10:2{n} pm", COMMENT.replace("this decision", f"pick {n}")]

    comments = [line for n in range(8) for line in comment(n)]
    lines = [title, *paragraphs(1), *names, "{ 8 comments… read them below or add one }", *comments]
    ctx = detect(context(lines), stop_before="model.line")
    got = {ctx.lines[i].text: (d.category, d.rule) for i, d in ctx.decided.items()}
    assert all(got[line] == ("comments", "comments.section") for line in comments)
    assert not set(paragraphs(1)) & set(got)
    assert [ctx.lines[i].text for i, rule in ctx.kept.items() if rule == "keep.title"] == [title]


def test_comments_under_an_article_with_no_paragraph_are_a_section() -> None:
    """A photo post (a headline and a caption, no paragraph) under many comments: the page's
    first prose line is a comment's, so the heading lies above it. Comment furniture right
    under the heading ("1" / "Jane Says:" / its date), with no prose between, and three or
    more "X Says:" lines, start the section there all the same."""
    def comment(n: int) -> list[str]:
        return [str(n + 1), f"Reader{n} Says:", f"November 7th, 2012 at 9:4{n} pm", COMMENT.replace("this decision", f"pick {n}")]

    comments = [line for n in range(8) for line in comment(n)]
    lines = ["Study Hacks", "Home", "About", "My New Project", "Max, born 11/6/12, our future student",
             "112 Responses to “My New Project”", *comments]
    got = decisions(lines, stop_before="model.line")
    assert all(got[line][0] == "comments" for line in comments)
    assert got[COMMENT.replace("this decision", "pick 0")] == ("comments", "comments.section")
    assert "Max, born 11/6/12, our future student" not in got


def test_a_comment_link_over_a_short_article_starts_no_section_above_it() -> None:
    """A "3 Comments" link over the article's byline and its few paragraphs: prose lies between
    the heading and the next furniture, so the heading starts no section over the article,
    however heavy the comments below."""
    def comment(n: int) -> list[str]:
        return [f"Reader{n} Says:", f"November 7th, 2012 at 9:4{n} pm", COMMENT.replace("this decision", f"pick {n}"),
                COMMENT.replace("this decision", f"the plan {n}")]

    comments = [line for n in range(8) for line in comment(n)]
    lines = ["Study Hacks", "Home", "About", "8 Comments", *paragraphs(2), "8 Responses to “My New Project”", *comments]
    got = decisions(lines, stop_before="model.line")
    assert not set(paragraphs(2)) & set(got)
    assert got[comments[2]] == ("comments", "comments.section")


def test_article_prose_between_a_header_comment_link_and_heavier_comments_stays() -> None:
    """A header's "View all Comments" link, then the article under its byline ("Written by
    Jane Doe on 24/10/12", shaped like a commenter's line), then comments that hold more
    prose than the article: the article is prose between that heading and the region of
    comments, so the heading starts no section over it."""
    def comment(n: int) -> list[str]:
        return [f"Reader{n}", f"written by reader{n},", f"October 2{n}, 2012", COMMENT.replace("this decision", f"pick {n}"),
                COMMENT.replace("this decision", f"the plan {n}"), "+0"]

    comments = [line for n in range(6) for line in comment(n)]
    menu = ["Home", "Energy", "Transport", "Water", "Food", "Buildings", "Gadgets", "Policy", "Events", "Jobs"]
    lines = ["Recent Comment", paragraphs(1)[0], *menu, "View all Comments", "Share", "Email it", "Print it",
             "Synthetic fuel made from air and water", "Written by Jane Doe on 24/10/12", *paragraphs(3, first=1),
             "Comments (6)", *comments]
    got = decisions(lines, stop_before="model.line")
    assert not set(paragraphs(3, first=1)) & set(got)
    assert got[comments[3]] == ("comments", "comments.section")


def test_a_trackbacks_heading_over_the_comments_heading_lets_a_long_comment_go_on() -> None:
    """A blog theme puts the trackbacks' heading and the comments' heading over the comments
    ("{ 1 trackback }", a dated link, "{ 7 comments… }"): two headings, both before any
    comment's text, so the section still goes on over a long comment to the next commenter."""
    def comment(n: int, name: str) -> list[str]:
        return [str(n), f"{name} 07.13.12 at 0{n}:38", COMMENT.replace("this decision", f"point {n} of the plan")]

    long_comment = [COMMENT.replace("this decision", f"part {n} of the plan") for n in range(6)]
    lines = [*paragraphs(5), "{ 1 trackback }", "Fault-tolerant systems are faulty | example.net", "07.13.12 at 08:07",
             "{ 7 comments… read them below or add one }", *comment(1, "David"), *comment(2, "John"),
             "3", "rdm 07.13.12 at 08:59", *long_comment, *comment(4, "Richard")]
    got = decisions(lines, stop_before="model.line")
    assert all(got[line] == ("comments", "comments.section") for line in long_comment)
    assert got["Richard 07.13.12 at 04:38"] == ("comments", "comments.section")
    assert not set(paragraphs(5)) & set(got)


def test_blogger_s_reply_bar_with_a_replies_heading_goes_on_over_a_long_comment() -> None:
    """Blogger: each comment ends in the bar "ReplyDelete" (a comment phrase, so a heading),
    and one thread has a "Replies" heading over its answers ("Delete" under each: strong
    furniture). After a comment longer than a gap allows, the bar comes again: one heading
    text repeated, with one other heading, is still an action bar, and the section goes on."""
    def comment(n: int, name: str) -> list[str]:
        return [f"{name}10/2{n}/12 6:1{n} PM", COMMENT.replace("this decision", f"point {n} of the plan")]

    long_comment = ["Karl,"] + [COMMENT.replace("this decision", f"part {n} of the plan") for n in range(7)]
    lines = [*paragraphs(5), "10 comments:", *comment(1, "Joan McGettigan"), "ReplyDelete", "Replies",
             *comment(2, "Brandt Schneider"), "Delete", *comment(3, "Karl Fisch"), "Delete", "Reply",
             *comment(4, "Anna Kohn"), "ReplyDelete", *comment(5, "Neil Jones"), "ReplyDelete", "Pam11/4/12 7:40 AM",
             *long_comment, "ReplyDelete", "Add comment"]
    got = decisions(lines, stop_before="model.line")
    assert all(got[line] == ("comments", "comments.section") for line in long_comment)
    assert not set(paragraphs(5)) & set(got)


def test_a_long_first_comment_under_a_counted_heading_goes_on_to_the_next() -> None:
    """"20 Comments" / "Post a comment", then each commenter's name over its date: the first
    comment is too long for a gap, but its date's kind comes again after it, and again near
    that one, so the comments go on under the heading that counts them."""
    def comment(name: str, n: int) -> list[str]:
        return [name, f"Aug {n} 2012", COMMENT.replace("this decision", f"point {n} of the plan")]

    long_comment = [COMMENT.replace("this decision", f"part {n} of the plan") for n in range(8)]
    lines = [*paragraphs(5), "About the author", "20 Comments", "Post a comment", "Dirk Heuff", "Aug 8 2012",
             *long_comment, *comment("Irving Frydman", 9), *comment("Luis", 10), *comment("Eric Wittlake", 11)]
    got = decisions(lines, stop_before="model.line")
    assert all(got[line] == ("comments", "comments.section") for line in long_comment)
    assert got[COMMENT.replace("this decision", "point 11 of the plan")] == ("comments", "comments.section")
    assert not set(paragraphs(5)) & set(got)


def test_a_front_pages_long_posts_under_a_comment_count_stay() -> None:
    """A blog's front page: "Comments (3)" closes a post, and the next posts, each under its
    date, are long. The second date is of the kind of the first, but no third comes near it,
    so the section does not go on over the posts."""
    def post(n: int) -> list[str]:
        return [f"Aug {n} 2012", *paragraphs(6, first=10 * n)]

    posts = [line for n in (7, 6, 5) for line in post(n)]
    lines = [*paragraphs(3), "Comments (3)", *posts]
    got = decisions(lines, stop_before="model.line")
    assert not any(p in got for n in (7, 6, 5) for p in paragraphs(6, first=10 * n))
