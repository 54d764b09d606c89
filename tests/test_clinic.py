"""The clinic's side: review dates kept and printed, the PEMAT-P self-audit, and the FHIR bundle an EHR files."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from dataclasses import replace

import pytest

from legpain_docs.cli import main
from legpain_docs.load import load_article
from legpain_docs.review import add_months
from legpain_docs.words import words_for

from tests.conftest import ARTICLE_PATH, DATA, write_source

REVIEW = DATA / "review"
OVERDUE = REVIEW / "overdue.yaml"
FAILS = REVIEW / "pemat-fails.yaml"


# Review dates


def test_an_overdue_review_warns_at_the_reviewed_line(capsys):
    assert main(["check", str(OVERDUE), "--today", "2026-12-07"]) == 0
    err = capsys.readouterr().err
    assert err == (
        f"{OVERDUE}:3:11: warning: the review was due on 2022-01-31, 1771 days ago: review the article, "
        "then set 'reviewed:' to the day of that review\n"
    )


def test_strict_makes_an_overdue_review_an_error(capsys):
    assert main(["check", str(OVERDUE), "--strict", "--today", "2026-12-07"]) == 2
    assert f"{OVERDUE}:3:11: error: the review was due on 2022-01-31" in capsys.readouterr().err


def test_a_review_due_soon_warns_with_the_days_left_and_strict_lets_it_pass(capsys):
    assert main(["check", str(OVERDUE), "--strict", "--today", "2022-01-21"]) == 0
    assert capsys.readouterr().err == f"{OVERDUE}:3:11: warning: the next review is due on 2022-01-31, in 10 days\n"


def test_a_current_review_says_nothing(capsys):
    assert main(["check", str(OVERDUE), "--today", "2021-12-01"]) == 0
    assert capsys.readouterr().err == ""


def test_the_library_interval_dates_the_next_review_and_the_summary_counts(capsys):
    args = [
        "check",
        str(REVIEW / "by-interval.yaml"),
        str(OVERDUE),
        "--library",
        str(REVIEW / "library.yaml"),
        "--summary",
    ]
    assert main([*args, "--today", "2028-01-20"]) == 0
    captured = capsys.readouterr()
    assert "by-interval.yaml:3:11: warning: the next review is due on 2028-01-31, in 11 days" in captured.err
    assert "reviews: 2 articles, 1 overdue, 1 due within 30 days" in captured.out


def test_today_comes_from_the_environment_and_a_bad_one_is_refused(capsys, monkeypatch):
    monkeypatch.setenv("LEGPAIN_TODAY", "2021-12-01")
    assert main(["check", str(OVERDUE)]) == 0
    assert capsys.readouterr().err == ""
    monkeypatch.setenv("LEGPAIN_TODAY", "1 Dec 2021")
    assert main(["check", str(OVERDUE)]) == 2
    assert capsys.readouterr().err == "LEGPAIN_TODAY: error: must be a date written YYYY-MM-DD, got '1 Dec 2021'\n"


def test_a_next_review_not_after_the_review_is_refused_at_its_line(tmp_path, capsys):
    source = write_source(tmp_path, OVERDUE.read_text().replace("review_due: 2022-01-31", "review_due: 2019-06-30"))
    assert main(["check", str(source)]) == 2
    assert capsys.readouterr().err.startswith(f"{source}:4:13: error: 'review_due' is 2019-06-30, not after")


@pytest.mark.parametrize(
    "months, day, expected",
    [
        (24, "2026-01-31", "2028-01-31"),
        (1, "2026-01-31", "2026-02-28"),
        (1, "2024-01-31", "2024-02-29"),
        (12, "2026-12-15", "2027-12-15"),
    ],
)
def test_months_are_added_as_a_calendar_adds_them(months, day, expected):
    assert add_months(dt.date.fromisoformat(day), months) == dt.date.fromisoformat(expected)


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize(
    "source", [ARTICLE_PATH, DATA / "es-leg-pain.yaml", DATA / "fr-leg-pain.yaml"], ids=["en", "es", "fr"]
)
def test_the_handout_and_web_page_print_both_dates_in_the_articles_language(source):
    from legpain_docs.render.handout import render_handout
    from legpain_docs.render.web import render_web

    article = load_article(source)
    article = replace(article, review_due=add_months(article.reviewed, 24))
    words = words_for(article.language)
    reviewed = words.reviewed.format(date=words.format_date(article.reviewed))
    due = words.next_review.format(date=words.format_date(article.review_due))
    text = _pdf_text(render_handout(article, epoch=article.reviewed_epoch)).replace("\u00a0", " ")
    assert " ".join(reviewed.split()).replace("\u00a0", " ") in text
    assert " ".join(due.split()).replace("\u00a0", " ") in text
    page = render_web(article).decode()
    assert f'<time datetime="{article.review_due.isoformat()}">' in page
    assert due.split("{")[0].split(":")[0].split("\u00a0")[0] in page


def test_without_a_next_review_nothing_more_is_printed():
    from legpain_docs.render.handout import render_handout

    article = load_article(ARTICLE_PATH)
    assert "Next review" not in _pdf_text(render_handout(article, epoch=article.reviewed_epoch))


# PEMAT-P


def _audit(path) -> tuple[list[str], str]:
    from legpain_docs.load.positions import positions_of
    from legpain_docs.pemat import audit, report_text

    article = load_article(path)
    lines = report_text(str(path), article, audit(article, positions_of(str(path))))
    return lines, "\n".join(lines)


def test_every_one_of_the_24_print_items_is_answered():
    lines, _ = _audit(ARTICLE_PATH)
    numbers = [int(m.group(1)) for line in lines if (m := re.match(r"\s+(\d+)\. ", line))]
    assert numbers == [*range(1, 13), *range(15, 27)]
    answers = [line.strip().split(":")[0] for line in lines if re.match(r"\s{6}(met|measured|for a person)", line)]
    assert len(answers) == 24
    assert answers.count("met by construction") == 6
    assert answers.count("for a person to judge") == 11


def test_every_measured_item_is_found_at_its_line_and_column_in_a_text_written_to_fail_it():
    _, text = _audit(FAILS)
    expected = [
        f"{FAILS}: note: PEMAT-P 3: the article reads at grade",
        f"{FAILS}:5:3: note: PEMAT-P 4: 'Osteoarthritis' is used but never defined",
        f"{FAILS}:5:49: note: PEMAT-P 5: passive voice: 'is damaged'",
        f"{FAILS}:13:46: note: PEMAT-P 6: 'two' is a number written as a word",
        f"{FAILS}:2:8: note: PEMAT-P 11: the article has no closing text",
        f"{FAILS}:18:12: note: PEMAT-P 20: the section 'Causes of Knee Pain' names no action",
        f"{FAILS}:13:12: note: PEMAT-P 21: describes an action without addressing the reader",
    ]
    for line in expected:
        assert line in text
    assert text.count("note: PEMAT-P") == len(expected)


def test_the_seeds_measures_and_places():
    _, text = _audit(ARTICLE_PATH)
    assert "5 of 44 sentences in the passive voice" in text
    assert f"{ARTICLE_PATH}:17:63: note: PEMAT-P 4: 'pathology' is used but never defined" in text
    assert f"{ARTICLE_PATH}:18:3: note: PEMAT-P 5: passive voice: 'be triggered'" in text
    # A term the article explains in parentheses, and the listed terms, are defined.
    assert "'radiculopathy'" not in text and "'Spondylolisthesis'" not in text
    assert "the closing text is set as the summary box" in text


def test_the_audit_is_a_command_and_a_line_of_the_librarys_check(capsys):
    assert main(["pemat", "--summary", str(FAILS)]) == 0
    assert capsys.readouterr().out == (
        f"{FAILS}: PEMAT-P: 6 items met by construction, 7 measured (6 finding(s) in "
        "6 item(s)), 11 for a person to judge\n"
    )
    assert main(["check", str(FAILS), "--summary"]) == 0
    assert "PEMAT-P: 6 finding(s) to look at in 1 of 1 article(s)" in capsys.readouterr().out


def test_the_audit_adds_nothing_to_the_outputs():
    """The audit speaks about the text: no output changes because an article was audited or fails an item."""
    from legpain_docs.render.web import render_web

    before = render_web(load_article(ARTICLE_PATH))
    assert main(["pemat", str(ARTICLE_PATH)]) == 0
    assert render_web(load_article(ARTICLE_PATH)) == before
    assert b"PEMAT" not in before


def test_an_article_that_does_not_load_is_reported_as_check_reports_it(tmp_path, capsys):
    bad = write_source(tmp_path, "id: x\n")
    assert main(["pemat", str(FAILS), str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"{bad}:")
    assert f"{FAILS}: PEMAT-P:" in captured.out


# FHIR


def _bundle(tmp_path, *extra):
    out = tmp_path / "out"
    assert main(["fhir", str(FAILS), "--out-dir", str(out), *extra]) == 0
    return out, (out / "pemat-fails.fhir.json").read_bytes()


def test_the_bundle_validates_as_fhir_and_carries_the_files_the_build_writes(tmp_path):
    from fhir.resources.R4B.bundle import Bundle

    out, data = _bundle(tmp_path)
    bundle = Bundle.model_validate_json(data)
    assert bundle.type == "transaction"
    (entry,) = bundle.entry
    reference = entry.resource
    assert reference.__resource_type__ == "DocumentReference"
    assert reference.status == "current"
    assert reference.type.coding[0].system == "http://loinc.org" and reference.type.coding[0].code == "34895-3"
    assert entry.request.method == "PUT"
    assert [c.coding[0].code for c in reference.context.event] == ["M17.11", "239873007"]
    assert main(["pdf", str(FAILS), "--out-dir", str(out)]) == 0
    assert main(["html", str(FAILS), "--out-dir", str(out)]) == 0
    kinds = []
    for content in json.loads(data)["entry"][0]["resource"]["content"]:  # as written, before pydantic decodes it
        attachment = content["attachment"]
        written = (out / attachment["url"]).read_bytes()
        assert base64.b64decode(attachment["data"], validate=True) == written
        assert attachment["size"] == len(written)
        assert base64.b64decode(attachment["hash"], validate=True) == hashlib.sha1(written).digest()
        assert attachment["language"] == "en" and attachment["title"] == "Knee Care"
        assert attachment["creation"] == "2026-01-05"
        kinds.append(attachment["contentType"])
    assert kinds == ["application/pdf", "text/html;charset=utf-8"]


def test_two_builds_of_the_bundle_are_byte_identical(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    _, first = _bundle(tmp_path / "a")
    _, second = _bundle(tmp_path / "b")
    assert first == second


def test_the_review_dates_travel_in_the_bundle(tmp_path):
    out = tmp_path / "out"
    assert main(["fhir", str(OVERDUE), "--out-dir", str(out)]) == 0
    reference = json.loads((out / "overdue.fhir.json").read_text())["entry"][0]["resource"]
    values = {extension["url"].rsplit("-", 1)[-1]: extension for extension in reference["extension"]}
    assert values["lastReviewDate"]["valueDate"] == "2020-01-31"
    assert values["effectivePeriod"]["valuePeriod"] == {"start": "2020-01-31", "end": "2022-01-31"}


def test_each_language_is_filed_in_its_own_language(tmp_path):
    from fhir.resources.R4B.bundle import Bundle

    out = tmp_path / "out"
    assert main(["fhir", str(DATA / "es-leg-pain.yaml"), "--out-dir", str(out), "--paper", "a4"]) == 0
    (path,) = out.glob("*.fhir.json")
    assert path.name.endswith("-a4.fhir.json")
    reference = Bundle.model_validate_json(path.read_bytes()).entry[0].resource
    assert {content.attachment.language for content in reference.content} == {"es"}
    assert reference.identifier[0].value.endswith("|es")


@pytest.mark.parametrize(
    "code, message",
    [
        ("{system: icd-10-cm, code: m17.11}", "'m17.11' is not shaped like an ICD-10-CM code (letters in capitals)"),
        ("{system: snomed-ct, code: '239873008'}", "'239873008' is not a SNOMED CT id: its last digit, a check digit"),
        ("{system: loinc, code: '1'}", "one of icd-10-cm, snomed-ct"),
    ],
)
def test_a_code_of_the_wrong_shape_is_refused_at_its_line(tmp_path, capsys, code, message):
    text = FAILS.read_text().split("codes:")[0] + f"codes:\n  - {code}\n"
    source = write_source(tmp_path, text)
    assert main(["check", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{source}:23:") and message in err
