"""Typography rules: French and German spacing, quotes, dashes, apostrophes; HTML left intact around them."""

from __future__ import annotations

import random
import re

import pytest

from guide_builder.typography import apply_typography, typography_for

NB = "\u00a0"  # no-break space
NN = "\u202f"  # narrow no-break space

FRENCH = [
    # punctuation that takes a space before it
    ("Bonjour!", f"Bonjour{NN}!"),
    ("Bonjour !", f"Bonjour{NN}!"),
    ("Vraiment?", f"Vraiment{NN}?"),
    ("Quoi?!", f"Quoi{NN}?!"),
    ("Quoi ?!", f"Quoi{NN}?!"),
    ("Il pleut; on rentre.", f"Il pleut{NN}; on rentre."),
    ("Horaires: 9 h", f"Horaires{NB}: 9{NB}h"),
    ("Horaires : 9 h", f"Horaires{NB}: 9{NB}h"),
    ("Et alors...?", f"Et alors…{NN}?"),
    # existing no-break spaces: U+00A0 gives way to U+202F before ; ! ?, U+202F to U+00A0 before :
    (f"Bonjour{NN}!", f"Bonjour{NN}!"),
    (f"Bonjour{NB}!", f"Bonjour{NN}!"),
    (f"Prix{NB}: 12{NB}€", f"Prix{NB}: 12{NB}€"),
    (f"Prix{NN}: 4 €", f"Prix{NB}: 4{NB}€"),
    # no space at the start, after an opening bracket, in times, URLs, e-mail addresses, code-like text
    ("!", "!"),
    ("(!)", "(!)"),
    ("[?]", "[?]"),
    ("Ouvert à 10:00, fermé à 18:30.", "Ouvert à 10:00, fermé à 18:30."),
    ("Ouvert de 10h30 à 18h.", "Ouvert de 10h30 à 18h."),
    ("Voir https://x.org/?a=1&b=2 !", f"Voir https://x.org/?a=1&b=2{NN}!"),
    ("Voir https://x.org/?a=1!", f"Voir https://x.org/?a=1{NN}!"),
    ("Site: www.metz.fr/?p=2", f"Site{NB}: www.metz.fr/?p=2"),
    ("Écrire à mailto:info@metz.fr ou info@metz.fr!", f"Écrire à mailto:info@metz.fr ou info@metz.fr{NN}!"),
    ("a?b, 1;2 et x:y", "a?b, 1;2 et x:y"),
    # guillemets
    ('Il dit "bonjour".', f"Il dit «{NN}bonjour{NN}»."),
    ('"Bonjour!"', f"«{NN}Bonjour{NN}!{NN}»"),
    ("«Bonjour»", f"«{NN}Bonjour{NN}»"),
    ("« Bonjour »", f"«{NN}Bonjour{NN}»"),
    (f"«{NN}Bonjour{NN}»", f"«{NN}Bonjour{NN}»"),
    (f"«{NB}Bonjour{NB}»", f"«{NB}Bonjour{NB}»"),
    ('Il a dit : "Oui !"', f"Il a dit{NB}: «{NN}Oui{NN}!{NN}»"),
    # apostrophes
    ("l'église d'Auguste", "l’église d’Auguste"),
    ("aujourd'hui jusqu'à", "aujourd’hui jusqu’à"),
    ("le réseau Le Met'.", "le réseau Le Met’."),
    # thousands, units and ranges
    ("environ 120 000 habitants", f"environ 120{NN}000 habitants"),
    ("1 200 €", f"1{NN}200{NB}€"),
    ("en 1986 250 visiteurs", "en 1986 250 visiteurs"),
    ("Paris en 1 h 25", f"Paris en 1{NB}h{NB}25"),
    ("de 1762-1775", "de 1762–1775"),
]

GERMAN = [
    ('Das "Schwarze Tor" steht.', "Das „Schwarze Tor“ steht."),
    ('"Hallo!"', "„Hallo!“"),
    ('("Hallo")', "(„Hallo“)"),
    ("'Hallo', sagte sie.", "‚Hallo‘, sagte sie."),
    ('"Er sagte \'Hallo\'."', "„Er sagte ‚Hallo‘.“"),
    ("'Wie geht's?' fragte er.", "‚Wie geht’s?‘ fragte er."),
    ("Wie geht's?", "Wie geht’s?"),
    ("Trier's Wahrzeichen", "Trier’s Wahrzeichen"),
    ("Hans' Buch", "Hans’ Buch"),
    ("'s gibt 'ne Lösung", "’s gibt ’ne Lösung"),
    # German has no French spacing
    ("Achtung: Stufe! Wirklich?", "Achtung: Stufe! Wirklich?"),
    ("«Hallo»", "«Hallo»"),
    ("rund 120 000 Einwohner", f"rund 120{NN}000 Einwohner"),
    ("Tel. +49 651 978 080", "Tel. +49 651 978 080"),
]

# The rules of every language: the same in French, German, English and Luxembourgish.
COMMON = [
    ("Geöffnet 10-18 Uhr", "Geöffnet 10–18 Uhr"),
    ("1762-1775", "1762–1775"),
    ("10:00-18:00", "10:00–18:00"),
    ("2,50-3,50", "2,50–3,50"),
    ("(1762-1775)", "(1762–1775)"),
    ("Seiten 10-12, 20-25", "Seiten 10–12, 20–25"),
    # hyphens that are no range
    ("+49 651-123", "+49 651-123"),
    ("Tel. 651-12", "Tel. 651-12"),
    ("0651-1234", "0651-1234"),
    ("2026-11-28", "2026-11-28"),
    ("L-1648 Luxembourg", "L-1648 Luxembourg"),
    ("ISBN 978-3-16-148410-0", "ISBN 978-3-16-148410-0"),
    ("ISBN 978-3161484100", "ISBN 978-3161484100"),
    ("Version 1.2.3-4", "Version 1.2.3-4"),
    ("A1-Ausfahrt", "A1-Ausfahrt"),
    ("Saint-Pierre, Moselle-Ufer", "Saint-Pierre, Moselle-Ufer"),
    # dashes and dots
    ("Trier - die älteste Stadt", "Trier – die älteste Stadt"),
    ("Jean - der Großherzog -, alle", "Jean – der Großherzog –, alle"),
    ("-5 Grad", "-5 Grad"),
    ("Und dann...", "Und dann…"),
    ("Und dann....", "Und dann...."),
    # units
    ("12 €", f"12{NB}€"),
    ("5 km", f"5{NB}km"),
    ("300 m", f"300{NB}m"),
    ("20 min", f"20{NB}min"),
    ("3 h", f"3{NB}h"),
    ("10 %", f"10{NB}%"),
    ("45 Min.", f"45{NB}Min."),
    ("2 Std.", f"2{NB}Std."),
    ("50 km/h", f"50{NB}km/h"),
    ("500 m²", f"500{NB}m²"),
    ("5 mal, 3 heures, 2 le", "5 mal, 3 heures, 2 le"),
    (f"12{NN}€", f"12{NN}€"),
    # apostrophes between letters only: a lone quote or a quoted word stays
    ("l'église", "l’église"),
    ("the students' rooms", "the students’ rooms"),
]


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_french(text: str, expected: str) -> None:
    assert typography_for("fr")(text) == expected


@pytest.mark.parametrize(("text", "expected"), GERMAN)
def test_german(text: str, expected: str) -> None:
    assert typography_for("de")(text) == expected


@pytest.mark.parametrize("lang", ["fr", "de", "en", "lb"])
@pytest.mark.parametrize(("text", "expected"), COMMON)
def test_rules_of_every_language(lang: str, text: str, expected: str) -> None:
    assert typography_for(lang)(text) == expected


@pytest.mark.parametrize("lang", ["en", "lb"])
def test_other_languages_get_no_french_or_german_rules(lang: str) -> None:
    text = "\"Moien\" 'Hallo' rock 'n' roll Bonjour! Note: 1 200 € «Oui»"
    assert typography_for(lang)(text) == f"\"Moien\" 'Hallo' rock 'n' roll Bonjour! Note: 1 200{NB}€ «Oui»"


@pytest.mark.parametrize(("lang", "family"), [("fr_FR", "fr"), ("fr-CA", "fr"), ("FR", "fr"), ("de_AT", "de")])
def test_regional_variants_follow_their_language(lang: str, family: str) -> None:
    text = "\"Bonjour!\" l'église"
    assert typography_for(lang)(text) == typography_for(family)(text)


def test_the_plain_text_function_writes_characters_not_entities() -> None:
    text = "Tom & Jerry <3: \"oui\" 12 € 1 200 ; a < b!"
    typeset = typography_for("fr")(text)
    assert "&" in typeset and "<" in typeset
    assert not re.search(r"&(?:\w+|#\d+);", typeset)


# --- HTML --------------------------------------------------------------------------------------------

HTML_FRENCH = [
    ('<p title="Bonjour!">Bonjour!</p>', f'<p title="Bonjour!">Bonjour{NN}!</p>'),
    ('<a href="https://x.org/?a=1&amp;b=2" title="Quoi?">Voir ici?</a>',
     f'<a href="https://x.org/?a=1&amp;b=2" title="Quoi?">Voir ici{NN}?</a>'),
    ('<p><a href="https://x.org/?a=1">https://x.org/?a=1</a> !</p>',
     f'<p><a href="https://x.org/?a=1">https://x.org/?a=1</a>{NN}!</p>'),
    ("<p>Le test <code>a ? b : c</code> marche !</p>", f"<p>Le test <code>a ? b : c</code> marche{NN}!</p>"),
    ("<p>La variable <code>x</code>: un nombre.</p>", f"<p>La variable <code>x</code>{NB}: un nombre.</p>"),
    ("<pre><code>if (a) { x ? y : z; }\n\"s\"...</code></pre>",
     "<pre><code>if (a) { x ? y : z; }\n\"s\"...</code></pre>"),
    ("<pre>a ? <code>b</code> : c; <span>d!</span></pre><p>Oui!</p>",
     f"<pre>a ? <code>b</code> : c; <span>d!</span></pre><p>Oui{NN}!</p>"),
    ("<p>Tapez <kbd>Ctrl</kbd> ; <samp>Erreur!</samp></p>", f"<p>Tapez <kbd>Ctrl</kbd>{NN}; <samp>Erreur!</samp></p>"),
    ("<script>if (a<b) { x = 'y'; }</script><p>Oui!</p>", f"<script>if (a<b) {{ x = 'y'; }}</script><p>Oui{NN}!</p>"),
    ("<style>a:hover { color: red; }</style>", "<style>a:hover { color: red; }</style>"),
    # entities are read as the characters they stand for, and stay valid HTML
    ("<p>Tom &amp; Jerry : oui</p>", f"<p>Tom &amp; Jerry{NB}: oui</p>"),
    ("<p>Prix&nbsp;: 12&nbsp;€</p>", "<p>Prix&nbsp;: 12&nbsp;€</p>"),
    ("<p>&quot;Oui&quot; l&#39;église</p>", f"<p>«{NN}Oui{NN}» l’église</p>"),
    ("<p>a &lt; b : &lt;code&gt;!</p>", f"<p>a &lt; b{NB}: &lt;code&gt;{NN}!</p>"),
    ("<p>AT&amp;T;</p>", f"<p>AT&amp;T{NN};</p>"),
    # a quote or an apostrophe decided across inline tags
    ('<p>Il dit <em>"Bonjour"</em>!</p>', f"<p>Il dit <em>«{NN}Bonjour{NN}»</em>{NN}!</p>"),
    ('<p>Il dit "<em>Bonjour</em>".</p>', f"<p>Il dit «{NN}<em>Bonjour</em>{NN}».</p>"),
    ("<p>près de l'<a href=\"eglise.md\">église</a> ?</p>", f'<p>près de l’<a href="eglise.md">église</a>{NN}?</p>'),
    ("<p><strong>Attention</strong>!</p>", f"<p><strong>Attention</strong>{NN}!</p>"),
    ("<p><strong>En train :</strong> 1 h</p>", f"<p><strong>En train{NB}:</strong> 1{NB}h</p>"),
    # a block tag starts a new text: nothing is carried over it
    ("<p>Fin.</p><p>!</p>", "<p>Fin.</p><p>!</p>"),
    ("<p>Fin</p>\n<p>\"Oui\"</p>", f"<p>Fin</p>\n<p>«{NN}Oui{NN}»</p>"),
    ("<!-- Bonjour! -->Bonjour!", f"<!-- Bonjour! -->Bonjour{NN}!"),
    ("", ""),
]

HTML_GERMAN = [
    ('<p class="x" data-q="\'a\'">"Hallo"</p>', '<p class="x" data-q="\'a\'">„Hallo“</p>'),
    ('<p>Er sagte <em>"Hallo"</em>.</p>', "<p>Er sagte <em>„Hallo“</em>.</p>"),
    ('<p>Er sagte "<em>Hallo</em>".</p>', "<p>Er sagte „<em>Hallo</em>“.</p>"),
    ("<p>Trier<em>'s</em> Dom</p>", "<p>Trier<em>’s</em> Dom</p>"),
    ('<p><code>"x"</code> und "y"</p>', '<p><code>"x"</code> und „y“</p>'),
    ('<p>Von <time datetime="2026-11-28">10-18</time> Uhr, Tel. +49 651-123</p>',
     '<p>Von <time datetime="2026-11-28">10–18</time> Uhr, Tel. +49 651-123</p>'),
    ("<p>Dauer <strong>45</strong> Min.</p>", f"<p>Dauer <strong>45</strong>{NB}Min.</p>"),
    ("<ul>\n<li>5 km</li>\n<li>10 %</li>\n</ul>", f"<ul>\n<li>5{NB}km</li>\n<li>10{NB}%</li>\n</ul>"),
    ("<td>2026-11-28</td><td>L-1648</td>", "<td>2026-11-28</td><td>L-1648</td>"),
]


@pytest.mark.parametrize(("html", "expected"), HTML_FRENCH)
def test_french_html(html: str, expected: str) -> None:
    assert apply_typography(html, "fr") == expected


@pytest.mark.parametrize(("html", "expected"), HTML_GERMAN)
def test_german_html(html: str, expected: str) -> None:
    assert apply_typography(html, "de") == expected


def test_html_for_other_languages_gets_the_common_rules_only() -> None:
    html = '<p title="x - y">"Moien" Bonjour! 10-12 h, l\'Uelzecht...</p>'
    assert apply_typography(html, "lb") == f'<p title="x - y">"Moien" Bonjour! 10–12{NB}h, l’Uelzecht…</p>'


def test_a_segment_without_changes_is_kept_byte_for_byte() -> None:
    html = "<p>Tom &amp; Jerry &#x27; &quot;&nbsp;&eacute;t&eacute; &#8212; x</p>"
    assert apply_typography(html, "de") == html


def test_tags_attributes_and_excluded_elements_are_never_changed() -> None:
    html = (
        '<p id="a" title="Bonjour ! &quot;x&quot; 10-18" data-x=\'a > b ?\'>Texte!</p>'
        '<pre class="code">a ? b : c; "s" 10-12 ...</pre>'
        "<p><code>x ? y</code> <kbd>A - B</kbd> <samp>'s'</samp></p>"
    )
    tags = re.findall(r"<[^>]*>", html)
    typeset = apply_typography(html, "fr")
    assert re.findall(r"<[^>]*>", typeset) == tags
    for kept in ('<pre class="code">a ? b : c; "s" 10-12 ...</pre>', "<code>x ? y</code>", "<kbd>A - B</kbd>",
                 "<samp>'s'</samp>"):
        assert kept in typeset


def test_an_unclosed_excluded_element_protects_the_rest() -> None:
    assert apply_typography("<p>Oui!</p><code>a ? b<p>c ? d</p>", "fr") == f"<p>Oui{NN}!</p><code>a ? b<p>c ? d</p>"


# --- idempotence -------------------------------------------------------------------------------------

ALL_TEXT_CASES = [("fr", text) for text, _ in FRENCH] + [("de", text) for text, _ in GERMAN] + [
    (lang, text) for lang in ("fr", "de", "en") for text, _ in COMMON
]
ALL_HTML_CASES = [("fr", html) for html, _ in HTML_FRENCH] + [("de", html) for html, _ in HTML_GERMAN]


@pytest.mark.parametrize(("lang", "text"), ALL_TEXT_CASES)
def test_plain_text_typography_is_idempotent(lang: str, text: str) -> None:
    typeset = typography_for(lang)
    once = typeset(text)
    assert typeset(once) == once


@pytest.mark.parametrize(("lang", "html"), ALL_HTML_CASES)
def test_html_typography_is_idempotent(lang: str, html: str) -> None:
    once = apply_typography(html, lang)
    assert apply_typography(once, lang) == once


# Random texts made of the pieces the rules react to: whatever the rules do, a second pass must change
# nothing, and no tag may change.
PIECES = [
    "a", "é", "l", "s", "ne", "Hallo", " ", " ", "  ", NB, NN, "\n", "'", "'", '"', '"', "!", "?", ";", ":", "«",
    "»", "(", ")", "-", "-", "...", ".", ",", "1", "10", "2026", "0651", "+49", "5", " km", " €", "%", "120 000",
    "https://x.org/?a=1", "a@b.de", "www.x.de", "\ufffc", "–", "’", "„", "“", "&", "Tel.",
]
MARKUP = ["<em>", "</em>", '<a href="?x">', "</a>", "<code>", "</code>", "<p>", "</p>", "<br>", "<!-- c -->", "<pre>",
        "</pre>", "&amp;", "&nbsp;", "&quot;", "&#39;", "&lt;"]


def _random_text(chooser: random.Random) -> str:
    return "".join(chooser.choice(PIECES) for _ in range(chooser.randint(1, 12)))


def _random_html(chooser: random.Random) -> str:
    pieces = PIECES + MARKUP * 2
    return "".join(chooser.choice(pieces) for _ in range(chooser.randint(1, 14)))


@pytest.mark.parametrize("lang", ["fr", "de", "en"])
def test_random_texts_are_typeset_idempotently(lang: str) -> None:
    chooser = random.Random(f"typography-{lang}")
    typeset = typography_for(lang)
    for _ in range(3000):
        text = _random_text(chooser)
        once = typeset(text)
        assert typeset(once) == once, text
        html = _random_html(chooser)
        once = apply_typography(html, lang)
        assert apply_typography(once, lang) == once, html
        assert re.findall(r"<[^>]*>", once) == re.findall(r"<[^>]*>", html), html
