"""The rule table: stable names, in the order rules run."""
from __future__ import annotations

from ..phrases import load_patterns, load_phrasebook
from .base import Context, RuleSpec
from .bios import closing_bios
from .calendar import calendars
from .commenters import commenter_sections
from .comments import comment_sections
from .context import (
    between_removed, caption_before_credit, count_lines, feedback_answers, link_lists, no_words, number_lines,
    outside_main_html, repeated_lines,
)
from .credits import credit_lines, credit_tails
from .duplicates import duplicate_lines, truncated_copies
from .lists import numbered_lists
from .model import load_model, model_lines
from .phrase import phrase_rule
from .readerheader import reader_header
from .recipes import keep_ingredients
from .toc import table_of_contents
from .user import user_rules
from .zones import keep_inside, keep_title, outside_gaps, outside_region


def _comments(ctx: Context) -> None:
    strong = load_patterns(ctx.languages, "comment_meta", normalised=True)
    heads = load_phrasebook(ctx.languages, ("list_heads",))
    comment_sections(ctx, strong, load_patterns(ctx.languages, "comment_dates", normalised=True), heads)


def _commenters(ctx: Context) -> None:
    commenter_sections(ctx, load_phrasebook(ctx.languages, ("list_heads",)))


RULES: tuple[RuleSpec, ...] = (
    RuleSpec("user.rules", "the user's rules file: remove (as user.<name>) or always keep", user_rules),
    RuleSpec("markdown.reader_header", "a reader service's header above a page's Markdown (\"Title: …\", \"URL Source: …\", \"Markdown Content:\"): metadata, taken into the sidecar", reader_header),
    RuleSpec("phrase.line", "the whole line is a boilerplate phrase", phrase_rule("line")),
    RuleSpec("phrase.row", "a row of link labels, each a whole-line phrase (\"Privacy | Terms | Contact\")", phrase_rule("row")),
    RuleSpec("phrase.regex", "the line matches a boilerplate pattern", phrase_rule("regex")),
    RuleSpec("phrase.start", "the line starts with a boilerplate phrase", phrase_rule("start")),
    RuleSpec("phrase.contains", "a short line contains a boilerplate phrase", phrase_rule("contains")),
    RuleSpec("caption.credit_line", "a line that opens with a copyright sign: a photo credit or, with a year or longer, a copyright notice", credit_lines),
    RuleSpec("keep.title", "keeps the article's title (protects, removes nothing)", keep_title),
    RuleSpec("caption.before_credit", "a short line right above a photo credit", caption_before_credit),
    RuleSpec("keep.ingredients", "keeps a recipe's ingredient list: a run of quantity lines (removes nothing)", keep_ingredients),
    RuleSpec("context.feedback", "the answer buttons (\"Yes\", \"No (4)\") under a feedback question a phrase removed", feedback_answers),
    RuleSpec("line.no_words", "a line with no letter or digit", no_words),
    RuleSpec("navigation.calendar", "a calendar widget: a month's day numbers one to a line, 1 to at least 28, with its weekday heads", calendars),
    RuleSpec("comments.section", "inside a comment section", _comments),
    RuleSpec("comments.commenters", "a comment section of names over their comments' text, with no other furniture: under a comment heading, three or more short name lines each over prose, as many as the heading counts or with a name that comes again", _commenters),
    RuleSpec("navigation.list", "a headline list under a navigation heading", link_lists),
    RuleSpec("navigation.toc", "a table of contents: short lines that recur later, in order, as the headings of sections of text (the headings are kept)", table_of_contents),
    RuleSpec("html.outside_main", "HTML block outside the page's main text", outside_main_html, True),
    RuleSpec("keep.inside", "shields short lines between article paragraphs (removes nothing)", keep_inside),
    RuleSpec("keep.numbered", "keeps an article's numbered list: three or more items counting up from 1 under a paragraph or a line ending in a colon (removes nothing)", numbered_lists),
    RuleSpec("model.line", "the learned line model deems it boilerplate", model_lines),
    RuleSpec("context.count", "a count alone on its line (\"(12)\") under a removed line: a widget's post count", count_lines),
    RuleSpec("context.numbers", "numbers alone on their lines whose labels went: a run counting up by one (\"1.\" … \"5.\") next to a removed line, or one number between removed lines (a like count)", number_lines),
    RuleSpec("zone.gap", "plain text, outside the main region: a run of at most three short lines (no headline, sentence end or digit) with two removed lines above and two below (a blogroll's entries the model left)", outside_gaps),
    RuleSpec("author_bio.closing", "an author's bio line after the article's last paragraph or in an author box", closing_bios),
    RuleSpec("zone.outside", "short line in the header or footer zone", outside_region, fallback=True),
    RuleSpec("corpus.repeated", "line repeated across the corpus", repeated_lines, fallback=True),
    RuleSpec("context.between", "short line between removed lines", between_removed, fallback=True),
    RuleSpec("doc.duplicate", "a line repeating a kept line of the same document", duplicate_lines),
    RuleSpec("doc.truncated_copy", "a kept line that breaks off in an ellipsis where another kept line says it in full (a teaser of the story)", truncated_copies),
    RuleSpec("caption.credit_tail", "a photo credit closing a kept line (only the credit goes)", credit_tails),
)


def rule_names() -> tuple[str, ...]:
    """Every registered rule name."""
    return tuple(r.name for r in RULES)


def _enabled(spec: RuleSpec, ctx: Context) -> bool:
    if spec.name in ctx.config.disabled_rules or (spec.html_only and not ctx.is_html):
        return False
    if spec.name != "model.line" and not spec.fallback:
        return True
    use_model = ctx.config.line_model and load_model() is not None
    return use_model if spec.name == "model.line" else not use_model


def detect(ctx: Context, stop_before: str | None = None) -> Context:
    """Run every enabled rule on ``ctx`` in order; decisions accumulate in ``ctx.decided``.

    With the line model on (``Config.line_model`` and a shipped model), the ``fallback``
    rules do not run: the model weighs the same evidence. ``stop_before`` names a rule at
    which to stop (the model's trainer stops before ``model.line``).
    """
    for spec in RULES:
        if spec.name == stop_before:
            break
        if _enabled(spec, ctx):
            before = len(ctx.decided)
            spec.fn(ctx)
            if len(ctx.decided) != before:  # the main region depends on the decisions so far
                ctx.region = None  # (they only accumulate: a new one changes the count)
    return ctx
