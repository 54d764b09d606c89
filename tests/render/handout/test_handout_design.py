"""The handout as a leaflet designer sets it, read back with pdfplumber from every variant.

Every column names its section when it begins inside one; the Notes area reads as one block;
words break only where a reader trusts the break (and never in large print); large print
leaves a blank line between paragraphs and 1 in at the top; columns end near each other.
"""

from __future__ import annotations

import re

import pytest

from legpain_docs import Article
from legpain_docs.render.handout.hyphens import Hyphenator, stumble
from legpain_docs.render.pdf import style
from legpain_docs.words import words_for

from tests.handout_variants import ALL_VARIANTS, Handout, footer_rule, variant_id
from tests.large_print import ink_in_top_margin, paragraph_gaps, paragraphs_of

REGULAR = [v for v in ALL_VARIANTS if not v[2]]
LARGE = [v for v in ALL_VARIANTS if v[2]]
HYPHENS = ("-", "\u00ad")  # a break is written as a hyphen or (read as text) a soft hyphen


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def print_size(handout: Handout) -> style.PrintSize:
    return style.LARGE_PRINT if handout.large else style.REGULAR_PRINT


def column_lines(handout: Handout, page_number: int) -> list[list[list[dict]]]:
    """Each column's lines of words (with size and font) top to bottom, between the header
    (on page 1: the clinic band and the title) and the footer's rule."""
    page = handout.pages[page_number - 1]
    rule, middle = footer_rule(page), page.width / 2
    words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)
    words = [w for w in words if w["bottom"] < rule]
    if page_number == 1:
        title = max(w["size"] for w in words)
        below = max(w["bottom"] for w in words if w["size"] == title)
        words = [w for w in words if w["top"] > below]
    columns = (
        [words] if handout.large else [[w for w in words if w["x0"] < middle], [w for w in words if w["x0"] >= middle]]
    )
    result = []
    for column in columns:
        lines: list[list[dict]] = []
        for word in sorted(column, key=lambda w: (round(w["top"]), w["x0"])):
            if lines and abs(lines[-1][0]["top"] - word["top"]) < 2:
                lines[-1].append(word)
            else:
                lines.append([word])
        result.append(lines)
    return result


def text(line: list[dict]) -> str:
    return " ".join(word["text"] for word in line)


def closing_texts(article: Article, handout: Handout) -> list[str]:
    words = words_for(article.language)
    texts = [*article.outro, words.disclaimer, words.notes, words.reviewed.split("{")[0]]
    if handout.clinic:
        texts.append((words.questions_online if handout.clinic.website else words.questions).split("{")[0])
    if article.source:
        texts.append(words.source.split("{")[0] or (article.source.name or ""))
    return texts


# --- columns ---------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ALL_VARIANTS, ids=variant_id)
def test_every_column_that_begins_inside_a_section_begins_with_its_title(handouts, variant):
    """A column's first line is a section's heading, its "(continued)" heading, or the closing
    matter: never a list item or a closing sentence without the heading that says what it is."""
    handout = handouts(variant)
    article, words = handout.article, words_for(handout.article.language)
    heading_size = print_size(handout).heading[0]
    titles = [squash(s.title) for s in article.sections]
    titles += [squash(words.continued.format(title=s.title)) for s in article.sections]
    closing = [squash(t) for t in closing_texts(article, handout) if t]
    intro = squash(article.intro[0]) if article.intro else ""
    for number in range(1, len(handout.pages) + 1):
        for column, lines in enumerate(column_lines(handout, number)):
            if not lines:
                continue
            first = lines[0]
            start = squash(text(first)).rstrip("".join(HYPHENS))
            if number == 1 and column == 0 and intro.startswith(start):
                continue
            if all(abs(w["size"] - heading_size) < 0.1 and "Bold" in w["fontname"] for w in first):
                assert any(t.startswith(start) for t in titles), (
                    f"page {number}: {text(first)!r} is no section's heading"
                )
                continue
            assert any(t.startswith(start) for t in closing), (
                f"page {number}, column {column + 1} begins inside a section without its heading: {text(first)!r}"
            )


def column_ends(handout: Handout) -> list[tuple[int, list[float]]]:
    """For every page but the last and the one where the article's text ends (the closing
    matter, kept whole, beginning the next), how far above the footer's rule each column's
    text ends (pt)."""
    ends = []
    closing = [squash(t) for t in closing_texts(handout.article, handout) if t]
    for number in range(1, len(handout.pages)):
        following = column_lines(handout, number + 1)[0]
        if following and any(t.startswith(squash(text(following[0]))) for t in closing):
            continue
        rule = footer_rule(handout.pages[number - 1])
        ends.append(
            (number, [rule - max(w["bottom"] for w in lines[-1]) for lines in column_lines(handout, number) if lines])
        )
    return ends


@pytest.mark.parametrize("variant", REGULAR, ids=variant_id)
def test_a_column_before_the_last_page_ends_within_a_few_lines_of_the_foot(handouts, variant):
    """What no break may cut is a heading with its introduction and its first item, or an item
    of up to HANDOUT_WHOLE_LINES lines kept whole: a column ends no earlier than that."""
    handout = handouts(variant)
    size, leading = style.REGULAR_PRINT.body
    above_rule = 2 * size * style.HANDOUT_SPACE["footer"] / 3  # where the columns end, above the footer's rule
    for number, gaps in column_ends(handout):
        assert max(gaps) - above_rule <= 8 * leading, (number, [round(g / 72, 2) for g in gaps])


# --- the Notes area ---------------------------------------------------------------------------


def notes_area(handout: Handout) -> tuple[dict | None, list[dict], dict]:
    """On the last page: the Notes heading's word, the ruled lines below it, and the footer's rule."""
    page = handout.pages[-1]
    rule_top = footer_rule(page)
    footer = next(line for line in page.lines if abs(line["top"] - rule_top) < 0.1)
    label = words_for(handout.article.language).notes
    heading = next(
        (
            w
            for w in page.extract_words(extra_attrs=["size"])
            if w["text"] == label and abs(w["size"] - print_size(handout).heading[0]) < 0.1
        ),
        None,
    )
    words = page.extract_words()
    leading = print_size(handout).body[1]

    def above_text(line: dict) -> bool:  # the rule above the closing note, not a line to write on
        return any(
            line["top"] < w["top"] < line["top"] + 2 * leading and w["x0"] < line["x1"] and w["x1"] > line["x0"]
            for w in words
        )

    lines = [
        line
        for line in page.lines
        if line is not footer
        and heading
        and line["top"] > heading["bottom"]
        and abs(line["top"] - line["bottom"]) < 0.1
        and not above_text(line)
    ]
    return heading, lines, footer


@pytest.mark.parametrize("variant", ALL_VARIANTS, ids=variant_id)
def test_the_notes_area_reads_as_one_block(handouts, variant):
    """A heading above its lines; the lines evenly spaced, level from column to column, at least
    a line's gap above the footer's rule, which is drawn unlike them."""
    handout = handouts(variant)
    heading, lines, footer = notes_area(handout)
    gap = print_size(handout).notes_line_gap
    assert footer["stroking_color"] != lines[0]["stroking_color"] if lines else True
    assert footer["linewidth"] > max((line["linewidth"] for line in lines), default=0)
    if heading is None:
        return
    columns: dict[float, list[float]] = {}
    for line in lines:
        columns.setdefault(round(line["x0"]), []).append(line["top"])
    tops = [sorted(heights) for _, heights in sorted(columns.items())]
    assert all(len(heights) >= style.HANDOUT_NOTES_MIN_LINES for heights in tops), tops
    assert heading["x0"] == pytest.approx(min(columns), abs=1) and heading["bottom"] < tops[0][0]
    assert all(abs(heights[0] - tops[0][0]) < 0.5 for heights in tops), "the columns' lines do not start level"
    for heights in tops:
        assert all(abs(b - a - gap) < 0.5 for a, b in zip(heights, heights[1:])), heights
        assert footer["top"] - heights[-1] >= gap - 0.5, "the last line is nearer the footer than a line's gap"


@pytest.mark.parametrize("variant", ALL_VARIANTS, ids=variant_id)
def test_a_last_page_with_room_for_three_lines_has_a_notes_area(handouts, variant):
    handout = handouts(variant)
    heading, lines, footer = notes_area(handout)
    size = print_size(handout)
    need = (
        size.body[0] * style.HANDOUT_SPACE["section"]
        + size.heading[1]
        + (style.HANDOUT_NOTES_MIN_LINES + 1) * size.notes_line_gap
        + size.body[1]
    )
    last = column_lines(handout, len(handout.pages))
    free = [
        footer["top"] - (max(w["bottom"] for w in lines[-1]) if lines else handout.pages[-1].height * 0)
        for lines in last
    ]
    if max(free) >= need:
        assert heading is not None and lines, f"{max(free) / 72:.2f} in free and no Notes area"


# --- hyphenation ------------------------------------------------------------------------------


def breaks(handout: Handout) -> list[tuple[int, str, str, list[dict], list[dict]]]:
    """Every word the layout broke at a line's end (the source has it whole, without the hyphen):
    (page number, head, tail, its line, the next line)."""
    source = set(re.findall(r"[^\W\d_]+", " ".join(_texts(handout.article)).casefold()))
    found = []
    for number in range(1, len(handout.pages) + 1):
        for lines in column_lines(handout, number):
            for line, after in zip(lines, lines[1:]):
                head = re.sub(r"^\W+", "", line[-1]["text"])
                if not head.endswith(HYPHENS):
                    continue
                head, tail = head[:-1], re.match(r"[^\W\d_]*", after[0]["text"]).group()
                if head.isalpha() and (head + tail).casefold() in source:
                    found.append((number, head, tail, line, after))
    return found


def _texts(article: Article) -> list[str]:
    texts = [*article.intro, *article.outro]
    for section in article.sections:
        texts += [*section.intro, *section.outro, *(f"{i.term} {i.definition or ''}" for i in section.items)]
    return texts


def _in_a_tint(page, word: dict) -> bool:
    """Whether the word lies on the summary box's tint."""
    tint = tuple(round(c, 3) for c in style.HANDOUT_TINT.rgb())
    return any(
        tuple(round(c, 3) for c in (r.get("non_stroking_color") or ())) == tint
        and r["x0"] <= word["x0"] <= r["x1"]
        and r["top"] <= word["top"] <= r["bottom"]
        for r in page.rects
    )


@pytest.mark.parametrize("variant", LARGE, ids=variant_id)
def test_large_print_breaks_no_word(handouts, variant):
    assert breaks(handouts(variant)) == []


@pytest.mark.parametrize("variant", LARGE, ids=variant_id)
def test_large_print_leaves_an_inch_at_the_top_of_every_page(handouts, variant):
    """Text, tints and rules alike: the clinic band and the summary box too (ACB 2022, APH)."""
    assert ink_in_top_margin(handouts(variant).pdf) == []


@pytest.mark.parametrize("variant", LARGE, ids=variant_id)
def test_large_print_leaves_a_blank_line_between_paragraphs(handouts, variant):
    """After each of the article's paragraphs, before the next paragraph or list: baselines at
    least two body leadings apart, room for a whole line between them (ACB 2022, APH)."""
    handout = handouts(variant)
    paragraphs = paragraphs_of(handout.article)
    gaps = paragraph_gaps(handout.pdf, paragraphs, style.LARGE_PRINT.body[1])
    assert gaps or not paragraphs, "no two paragraphs measured"
    assert [gap for gap in gaps if gap[1] < 1 - 1e-6] == []


@pytest.mark.parametrize("variant", REGULAR, ids=variant_id)
def test_words_break_only_where_a_reader_trusts_the_break(handouts, variant):
    """Body text only (no heading, no summary box), no name, three letters or more on each side,
    words of HANDOUT_HYPHENATE_FROM (at least 8) letters or more, never two broken lines in a
    row, and never a tail alone on a paragraph's last line."""
    handout = handouts(variant)
    body = print_size(handout).body[0]
    found = breaks(handout)
    for number, head, tail, line, after in found:
        word, name = head + tail, f"page {number}: {head}-{tail}"
        assert len(head) >= 3 and len(tail) >= 3, name
        assert len(word) >= style.HANDOUT_HYPHENATE_FROM >= 8, name
        assert word == word.lower(), f"a name is broken: {name}"
        assert abs(line[-1]["size"] - body) < 0.1, f"not body text: {name}"
        assert not _in_a_tint(handout.pages[number - 1], line[-1]), f"in the summary box: {name}"
        assert len(after) > 1, f"{name}: the tail alone on the paragraph's last line"
    broken = {id(line) for _, _, _, line, _ in found}
    assert not any(id(after) in broken for _, _, _, _, after in found), "two broken lines in a row"


def test_the_rules_refuse_the_breaks_the_first_round_printed():
    """No name, no URL, nothing within three letters of an end, no short word; the US patterns
    for English ("inter-ver-te-bral", not "interverteb-ral"); `stumble` finds the lines to set again."""
    english = Hyphenator("en")
    for word in (
        "Guillain-Barré",
        "Guillain",
        "Spondylolisthesis",
        "https://example.org/intervertebral",
        "thallium",
        "(radiculopathy)",
    ):
        assert english(word) == [], word
    assert ("as", "sociated") not in english("associated") and english("associated")
    assert ("interverteb", "ral") not in english("intervertebral") and ("inter", "vertebral") in english(
        "intervertebral"
    )
    assert ("mala", "lignment") not in english("malalignment")
    assert all(
        len(head) >= 3 and len(tail) >= 3
        for word in ("associated", "circulation", "surrounding")
        for head, tail in english(word)
    )
    assert english.without("intervertebral,")("intervertebral") == []
    assert stumble(["one two three inter-", "vertebral four", "five"]) is None
    assert stumble(["one two three inter-", "vertebral acci-", "dental and"]) == "accidental"
    assert stumble(["one two three condi-", "tions."]) == "conditions."
