"""Ingredient lists (``cleaner/detect/recipes.py``): ``keep.ingredients``."""
from __future__ import annotations

from cleaner.detect import detect
from cleaner.detect.recipes import keep_ingredients

from .conftest import context, paragraphs

GERMAN_METHOD = [
    "Mehl mit Hefe in einer Rührschüssel sorgfältig vermischen und die übrigen Zutaten und die warme Milch hinzufügen.",
    "Den Teig zugedeckt an einem warmen Ort so lange gehen lassen, bis er sich sichtbar vergrößert hat, und dann backen.",
]
#: A German recipe site's list: each quantity on its own line above its ingredient.
GERMAN_LIST = ["Zutaten", "Für den Teig:", "125 g", "Mehl", "65 g", "Zucker", "1 Pck.", "Backpulver",
               "2", "Eier (Größe M)", "Für die Füllung:", "500 ml", "Milch", "1 Prise", "Salz"]
ENGLISH_LIST = ["1 1/2 cups all-purpose flour", "½ cup sugar", "2 large eggs", "1 tsp vanilla extract",
                "Pinch of salt", "1 cup milk"]


def _kept(lines: list[str]) -> dict[str, str]:
    ctx = context(lines)
    keep_ingredients(ctx)
    return {ctx.lines[i].text: rule for i, rule in ctx.kept.items()}


def test_a_german_list_of_quantities_and_ingredients_is_kept() -> None:
    lines = ["Startseite", "Rezepte", "Backen", *GERMAN_LIST, *GERMAN_METHOD]
    kept = _kept(lines)
    assert set(kept) == set(GERMAN_LIST[1:]) and set(kept.values()) == {"keep.ingredients"}
    ctx = detect(context(lines))
    removed = {ctx.lines[i].text for i in ctx.decided}
    assert not removed & set(GERMAN_LIST[1:])


def test_an_english_list_with_its_ingredients_on_the_same_lines_is_kept() -> None:
    lines = [*paragraphs(1), "Ingredients", *ENGLISH_LIST, *paragraphs(2, first=1)]
    assert set(_kept(lines)) == set(ENGLISH_LIST)


def test_numbers_without_units_prices_and_menus_are_not_a_recipe() -> None:
    calendar = ["November 2012", *[str(d) for d in range(1, 32)]]
    assert _kept([*paragraphs(2), *calendar]) == {}
    shop = ["Kunden kauften auch", "Zinfandel Rosso", "0,75 l (22,52 €/l)", "Limoncino", "0,5 l (29,98 €/l)",
            "Grappa", "0,7 l (35,70 €/l)", "Prosecco", "0,75 l (9,99 €/l)"]
    assert _kept([*paragraphs(2), *shop]) == {}
    two = ["250 g Mehl", *paragraphs(1), "100 g Zucker"]  # too few, too far apart
    assert _kept([*paragraphs(1), *two]) == {}


def test_a_phrase_list_line_inside_the_list_and_a_second_copy_of_the_list_are_not_kept() -> None:
    lines = [*GERMAN_LIST, "Drucken", "250 ml", "Sahne", *GERMAN_METHOD, "Zutaten", *GERMAN_LIST[1:]]
    kept = _kept(lines)
    assert "Drucken" not in kept and "250 ml" in kept
    ctx = context(lines)
    keep_ingredients(ctx)
    second = len(GERMAN_LIST) + 3 + len(GERMAN_METHOD) + 1
    assert all(i < second for i in ctx.kept)
