"""Author bios after the article (``cleaner/detect/bios.py``): ``author_bio.closing``."""
from __future__ import annotations

import pytest

from cleaner.detect import detect
from cleaner.detect.bios import closing_bios

from .conftest import context, paragraphs

BIO = "Jane Doe is a professor of urban planning at the University of Leeds and the author of two books on rivers."
GERMAN = [
    "Der Gemeinderat hat am Dienstagabend über den neuen Radweg entlang der Bahnlinie beraten und ihn mit großer Mehrheit beschlossen.",
    "Die Bauarbeiten sollen im Frühjahr beginnen, und die Stadt rechnet mit Kosten von rund zwei Millionen Euro für den ganzen Abschnitt.",
    "Anwohner hatten sich in einer Versammlung vor allem Sorgen um die Parkplätze gemacht, die an der Straße wegfallen werden.",
]
FRENCH = [
    "Le conseil municipal a voté mardi soir la création d'une piste cyclable le long de la voie ferrée, à une large majorité.",
    "Les travaux doivent commencer au printemps et la ville estime leur coût à environ deux millions d'euros pour tout le tronçon.",
    "Lors d'une réunion publique, les riverains se sont surtout inquiétés des places de stationnement qui vont disparaître.",
]
SPANISH = [
    "El pleno del ayuntamiento aprobó el martes por la noche el nuevo carril bici junto a la vía del tren, con una amplia mayoría.",
    "Las obras comenzarán en primavera y el ayuntamiento calcula que costarán unos dos millones de euros en todo el tramo.",
    "En una reunión con los vecinos, la principal preocupación fueron las plazas de aparcamiento que desaparecerán de la calle.",
]

DUTCH = [
    "De gemeenteraad heeft dinsdagavond ingestemd met het nieuwe fietspad langs het spoor, met een ruime meerderheid van stemmen.",
    "De werkzaamheden beginnen in het voorjaar en de gemeente rekent op een bedrag van ongeveer twee miljoen euro voor het hele traject.",
    "Bewoners maakten zich tijdens een bijeenkomst vooral zorgen over de parkeerplaatsen die aan de straat zullen verdwijnen.",
]
ITALIAN = [
    "Il consiglio comunale ha approvato martedì sera la nuova pista ciclabile lungo la ferrovia, con un'ampia maggioranza di voti.",
    "I lavori inizieranno in primavera e il comune stima una spesa di circa due milioni di euro per l'intero tratto della pista.",
    "Durante un incontro pubblico i residenti si sono preoccupati soprattutto dei parcheggi che scompariranno lungo la strada.",
]
PORTUGUESE = [
    "A câmara municipal aprovou na terça-feira à noite a nova ciclovia ao longo da linha do comboio, com uma larga maioria de votos.",
    "As obras devem começar na primavera e a autarquia estima um custo de cerca de dois milhões de euros para todo o percurso.",
    "Numa reunião pública, os moradores mostraram-se sobretudo preocupados com os lugares de estacionamento que vão desaparecer.",
]
POLISH = [
    "Rada miasta we wtorek wieczorem przyjęła projekt nowej drogi rowerowej wzdłuż torów kolejowych zdecydowaną większością głosów.",
    "Prace mają się rozpocząć wiosną, a miasto szacuje ich koszt na około dwa miliony złotych za cały odcinek nowej trasy.",
    "Podczas spotkania mieszkańcy martwili się przede wszystkim o miejsca parkingowe, które znikną wzdłuż ulicy.",
]


def _bios(lines: list[str]) -> dict[int, tuple[str, str, str]]:
    ctx = context(lines)
    closing_bios(ctx)
    return {i: (d.category, d.rule, d.evidence) for i, d in ctx.decided.items()}


def test_a_bio_after_the_last_paragraph_goes() -> None:
    lines = [*paragraphs(3), BIO, "Share this story"]
    assert _bios(lines) == {3: ("author_bio", "author_bio.closing", "after line 2")}


def test_the_same_bio_above_the_article_introduces_a_guest_author_and_stays() -> None:
    assert _bios([BIO, *paragraphs(3)]) == {}


def test_a_bio_shaped_sentence_inside_the_article_stays() -> None:
    lines = [*paragraphs(2), BIO, *paragraphs(2, 2)]
    assert _bios(lines) == {}


def test_a_closing_sentence_about_him_or_her_stays() -> None:
    """A pronoun is not a name: the article's last sentence about its subject."""
    lines = [*paragraphs(3), "She is the author of three books on the history of the town's rivers and bridges."]
    assert _bios(lines) == {}


def _bios_after_phrases(lines: list[str]) -> dict[int, tuple[str, str, str]]:
    """The bio rule's decisions once the phrase rules have run (its neighbours' evidence)."""
    from cleaner.detect.phrase import phrase_rule

    ctx = context(lines)
    for kind in ("line", "regex", "start", "contains"):
        phrase_rule(kind)(ctx)
    phrases = set(ctx.decided)
    closing_bios(ctx)
    return {i: (d.category, d.rule, d.evidence) for i, d in ctx.decided.items() if i not in phrases}


def test_a_bio_in_an_author_box_goes_though_more_prose_follows() -> None:
    """Under an "About the author" heading, or above the box's "More posts by" link, a bio
    goes even where teasers or comments (prose) follow it."""
    teasers = paragraphs(2, 2)
    above = _bios_after_phrases([*paragraphs(2), "About the author", BIO, *teasers])
    assert above == {3: ("author_bio", "author_bio.closing", "author box at line 2")}
    below = _bios_after_phrases([*paragraphs(2), BIO, "More posts by Jane Doe", *teasers])
    assert below == {2: ("author_bio", "author_bio.closing", "author box at line 3")}
    over_comments = _bios_after_phrases([*paragraphs(2), BIO, "Comments", *teasers])
    assert over_comments == {2: ("author_bio", "author_bio.closing", "author box at line 3")}


def test_a_bio_shaped_sentence_next_to_an_ad_line_inside_the_article_stays() -> None:
    """An ad line is no author box: the sentence is the story's, about someone in it."""
    assert _bios_after_phrases([*paragraphs(2), BIO, "Advertisement", *paragraphs(2, 2)]) == {}


@pytest.mark.parametrize("bio", [
    "Sam Lee is the managing editor of a regional weekly and writes about housing and transport.",
    "Sam Lee is Head of Content at a regional weekly and has covered transport since 2015.",
    "is a freelance reporter based in Glasgow who writes about housing and transport.",
    "Hi, I'm Sam. I live in Glasgow and write about the city's parks and the food I cook at home.",
])
def test_a_position_at_a_publication_or_a_bio_whose_name_is_on_the_line_above_goes(bio: str) -> None:
    assert _bios([*paragraphs(3), bio]) == {3: ("author_bio", "author_bio.closing", "after line 2")}


def test_a_first_person_bio_goes() -> None:
    lines = [*paragraphs(3), "I'm Sam Lee, a freelance reporter based in Glasgow who writes about housing and transport."]
    assert _bios(lines) == {3: ("author_bio", "author_bio.closing", "after line 2")}


@pytest.mark.parametrize(("lang", "article", "bio"), [
    ("de", GERMAN, "Jana Muster ist Professorin für Stadtplanung an der Universität Kassel und schreibt über Verkehr."),
    ("de", GERMAN, "Jana Muster beschäftigt sich mit Verkehr und Stadtplanung. Seit 2019 als Redakteurin dabei, erreichbar unter jana@example.org."),
    ("de", GERMAN, "Jana Muster ist Head of Content bei einem Stadtmagazin und testet gern neue Fahrräder."),
    ("de", GERMAN, "ist Rechtsanwalt und Fachanwalt für Verwaltungsrecht in einer Kanzlei in Kassel."),
    ("de", GERMAN, "Jan Muster ist Verkehrswissenschaftler und Sportjournalist. Seit zwanzig Jahren schreibt er über Radwege."),
    ("de", GERMAN, "Hallo, ich bin Jana und erkunde meine Heimatstadt am liebsten mit dem Fahrrad."),
    ("fr", FRENCH, "Jeanne Martin est professeure d'urbanisme à l'université de Lyon et l'autrice de deux livres."),
    ("es", SPANISH, "Juana Pérez es periodista en Sevilla y escribe sobre vivienda y transporte desde 2015."),
    ("nl", DUTCH, "Sanne de Vries is verslaggever bij de stadsredactie en schrijft over verkeer en wonen."),
    ("nl", DUTCH, "Ik ben Sanne, redacteur bij een regionale krant en liefhebber van lange fietstochten."),
    ("it", ITALIAN, "Giulia Rossi è giornalista a Bologna e scrive di urbanistica e trasporti dal 2015."),
    ("pt", PORTUGUESE, "Ana Souza é jornalista em Lisboa e escreve sobre habitação e transportes desde 2015."),
    ("pl", POLISH, "Anna Kowalska jest dziennikarką działu miejskiego i pisze o transporcie oraz mieszkalnictwie."),
])
def test_other_languages_use_their_own_shapes(lang: str, article: list[str], bio: str) -> None:
    ctx = context([*article, bio])
    assert lang in ctx.languages
    closing_bios(ctx)
    assert {i: (d.category, d.rule) for i, d in ctx.decided.items()} == {3: ("author_bio", "author_bio.closing")}


@pytest.mark.parametrize(("article", "closing"), [
    (GERMAN, "Er ist Professor für Stadtplanung und berät die Stadt seit vielen Jahren."),
    (FRENCH, "Elle est journaliste depuis vingt ans et suit le dossier depuis le début."),
    (SPANISH, "Ella es periodista desde hace veinte años y sigue el asunto desde el principio."),
    (DUTCH, "Zij is journalist sinds twintig jaar en volgt het dossier vanaf het begin."),
    (ITALIAN, "Lei è giornalista da vent'anni e segue la vicenda fin dall'inizio."),
    (PORTUGUESE, "Ela é jornalista há vinte anos e acompanha o caso desde o início."),
    (POLISH, "Ona jest dziennikarką od dwudziestu lat i śledzi sprawę od samego początku."),
])
def test_a_closing_sentence_with_a_pronoun_stays_in_other_languages_too(article: list[str], closing: str) -> None:
    assert _bios([*article, closing]) == {}


def test_a_page_without_article_paragraphs_is_left_alone() -> None:
    assert _bios([BIO, "Share this story", "Read more"]) == {}


def test_the_rule_runs_in_the_pipeline_and_can_be_disabled() -> None:
    """In the rule table (the line model, which runs before it, is off here so that the bio
    reaches it); ``disabled_rules`` switches it off."""
    from cleaner.config import Config

    lines = [*paragraphs(4), BIO]
    on = detect(context(lines, Config(disabled_rules=("model.line",))))
    assert (on.decided[4].category, on.decided[4].rule) == ("author_bio", "author_bio.closing")
    off = detect(context(lines, Config(disabled_rules=("author_bio.closing", "model.line"))))
    assert 4 not in off.decided


@pytest.mark.parametrize("heading", ["About Jane Doe", "Jane Doe", "Über Jane Doe", "Written by Jane Doe"])
def test_the_name_over_a_closing_bio_goes_with_it(heading: str) -> None:
    """An author box's heading names the author the bio then describes: it goes with the bio,
    as author_bio, and says which bio it heads."""
    got = _bios([*paragraphs(4), heading, BIO])
    assert got[4] == ("author_bio", "author_bio.closing", "name over the bio at line 5")
    assert got[5][:2] == ("author_bio", "author_bio.closing")


def test_a_heading_that_names_no_one_stays_over_a_bio() -> None:
    got = _bios([*paragraphs(4), "About the university", BIO])
    assert 4 not in got and 5 in got


def test_a_closing_line_with_the_authors_social_link_is_a_bio() -> None:
    """"Senior editor … You can keep up with me on Twitter": first person, after the last
    paragraph, it is the author's bio; "you can follow them on Twitter" about a company is not."""
    mine = "Senior editor with a focus on all things tech and gaming. You can keep up with me on Twitter: @janedoe"
    assert _bios([*paragraphs(3), mine]) == {3: ("author_bio", "author_bio.closing", "after line 2")}
    theirs = "The studio makes small games for phones. You can follow them on Twitter as @studio"
    assert _bios([*paragraphs(3), theirs]) == {}


def test_a_wire_reporters_tagline_goes_with_the_name_over_it() -> None:
    """"Gonzalez covers the environment for The Associated Press." under "MARIA GONZALEZ":
    the name heading is in capitals and the tagline gives the surname only."""
    got = _bios([*paragraphs(3), "MARIA GONZALEZ", "Gonzalez covers the environment for The Associated Press."])
    assert got == {3: ("author_bio", "author_bio.closing", "name over the bio at line 4"),
                   4: ("author_bio", "author_bio.closing", "after line 2")}


def test_a_reporters_tagline_inside_the_article_stays() -> None:
    """The same sentence amid the article is about someone in the story."""
    lines = [*paragraphs(2), "Gonzalez covers the environment for The Associated Press.", *paragraphs(2, 2)]
    assert _bios(lines) == {}
