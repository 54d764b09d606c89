"""A figure's picture: every hostile file refused at its `file:` line with its exact message,
quickly and in little memory; a photo's metadata never reaches the model."""

from __future__ import annotations

import io
import os
import struct
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from legpain_docs import load_article
from legpain_docs.cli import main

from tests.conftest import DATA, run_measured

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'
ARTICLE = """\
id: pictures
title: Pictures
reviewed: 2026-01-02
sections:
  - id: parts
    title: Parts
    figure:
      file: {file}
      alt: {alt}
    items:
      - term: Hip
        definition: The joint at the top of the leg.
"""
FILE_AT = "8:13"  # where `file:`'s value starts in ARTICLE
ALT_AT = "9:12"


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(size=(40, 30), colour="teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((64, 64), 50).convert("RGB").save(out, "JPEG")
    return out.getvalue()


# A PNG of 50,000 x 50,000 pixels in about a kilobyte: 2.5 billion pixels if it were decoded.
BOMB = (
    b"\x89PNG\r\n\x1a\n"
    + _chunk(b"IHDR", struct.pack(">IIBBBBB", 50_000, 50_000, 8, 0, 0, 0, 0))
    + _chunk(b"IDAT", zlib.compress(b"\0" * 50_001 * 20))
    + _chunk(b"IEND", b"")
)

HOSTILE = {
    "bomb.png": (
        BOMB,
        "the picture is 50,000 x 50,000 pixels, over the limit of 25 million pixels (10,000 on a side): scale it down",
    ),
    "truncated.png": (
        _png()[:49],
        "the PNG file cannot be read whole (image file is truncated): save it again from an image editor",
    ),
    "truncated.jpg": (_jpeg()[:700], "the JPEG file cannot be read whole (image file is truncated"),
    "svg.png": (
        SVG.format("").encode(),
        "the file is named as PNG but holds SVG: give it the name its content has (.svg)",
    ),
    "script.png": (
        b"#!/bin/sh\necho pwned\n",
        "the file is not a PNG, JPEG or SVG image (judged by its content, not its name)",
    ),
    "script.svg": (
        SVG.format("<script>alert(1)</script>").encode(),
        "the SVG holds a <script>: remove it (pictures are drawn, never run or fetched)",
    ),
    "onload.svg": (
        SVG.replace("viewBox", 'onload="alert(1)" viewBox').format("").encode(),
        "the SVG has an event attribute 'onload' (code run on an event): remove it",
    ),
    "href-file.svg": (
        SVG.format('<use xlink:href="/etc/passwd#x"/>').encode(),
        "the SVG refers to '/etc/passwd#x' outside itself: only links within the picture ('#id') are allowed",
    ),
    "href-url.svg": (
        SVG.format('<use href="https://example.com/a.svg#x"/>').encode(),
        "the SVG refers to 'https://example.com/a.svg#x' outside itself: only links within the picture "
        "('#id') are allowed",
    ),
    "css-url.svg": (
        SVG.format('<rect width="1" height="1" style="fill: url(https://example.com/x)"/>').encode(),
        "the SVG's 'style' refers to something outside the picture: only url(#id) is allowed",
    ),
    "entity.svg": (
        (
            '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            + SVG.format("<text>&b;</text>")
        ).encode(),
        "the SVG has a document type or entities (<!DOCTYPE, <!ENTITY>), which can expand without end: "
        "save it again as plain SVG",
    ),
    "foreign.svg": (
        SVG.format(
            '<foreignObject width="9" height="9"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>'
        ).encode(),
        "the SVG holds a <foreignObject> (HTML inside the picture): remove it (pictures are drawn, never run "
        "or fetched)",
    ),
    "image.svg": (
        SVG.format('<image href="data:image/png;base64,AAAA"/>').encode(),
        "the SVG holds an <image> that loads another file: remove it (pictures are drawn, never run or fetched)",
    ),
    "use-bomb.svg": (
        SVG.format(
            '<defs><rect id="l0" width="1" height="1"/>'
            + "".join(f'<g id="l{n}">' + f'<use href="#l{n - 1}"/>' * 10 + "</g>" for n in range(1, 10))
            + '</defs><use href="#l9"/>'
        ).encode(),
        "the SVG's <use> copies would draw more than 10,000 elements: simplify it",
    ),
    "use-loop.svg": (
        SVG.format('<g id="a"><use href="#a"/></g>').encode(),
        "the SVG's <use> of '#a' copies itself: remove the loop",
    ),
    "deep.svg": (
        SVG.format("<g>" * 5000 + "</g>" * 5000).encode(),
        "the SVG nests elements more than 100 deep: simplify it",
    ),
    "use-chain.svg": (
        SVG.format(
            '<rect id="u0" width="1" height="1"/>'
            + "".join(f'<use id="u{n}" href="#u{n - 1}"/>' for n in reversed(range(1, 3000)))
        ).encode(),
        "the SVG's <use> copies go more than a few hundred deep: simplify it",
    ),
    "part-twice.svg": (
        SVG.format(
            '<rect id="a" data-label="A" width="1" height="1"/><rect id="a" data-label="B" x="2" width="1" height="1"/>'
        ).encode(),
        "two labelled parts of the SVG have the id 'a': give each its own",
    ),
    "part-id.svg": (
        SVG.format('<rect id="a b" data-label="A" width="1" height="1"/>').encode(),
        "the labelled part's id 'a b' may hold only letters, digits and . _ : - (at most 64)",
    ),
    "part-outside.svg": (
        SVG.format('<rect id="a" data-label="A" x="8" width="5" height="1"/>').encode(),
        "the labelled part 'a' lies (partly) outside the drawing or has no size",
    ),
    "part-line.svg": (
        SVG.format('<line id="a" data-label="A" x2="1" y2="1"/>').encode(),
        "the labelled part 'a' is a <line>: a labelled part is a rect, circle, ellipse, polygon or path",
    ),
    "part-transform.svg": (
        SVG.format('<g transform="spin(3)"><rect id="a" data-label="A" width="1" height="1"/></g>').encode(),
        "the SVG's transform 'spin(3)' is not a list of SVG transforms",
    ),
    "part-in-defs.svg": (
        SVG.format('<defs><rect id="a" data-label="A" width="1" height="1"/></defs>').encode(),
        "the labelled part 'a' is inside a <defs>: put it in the drawing itself, where it is drawn",
    ),
    "part-path-data.svg": (
        SVG.format('<path id="a" data-label="A" d="M0 0 L1 x"/>').encode(),
        "the labelled part 'a': its path holds 'x', which is not SVG path data",
    ),
    # Each of these once passed `check` and crashed the handout's build (reportlab inverts every
    # transform, and cannot write a number past 1e20; the size 0.4 x 0.4 was kept as 0 x 0).
    "flat-transform.svg": (
        SVG.format('<g transform="scale(1, 0)"><rect width="1" height="1"/></g>').encode(),
        "the SVG's transform 'scale(1, 0)' squashes what it draws flat (scale 0, or a matrix with no "
        "inverse): remove it, or the element it is on",
    ),
    "huge-number.svg": (
        SVG.format('<path d="M1e300,0 L1 1" fill="#1e40af"/>').encode(),
        "the SVG's 'd' holds the number 1e300, far beyond any drawing's size (at most 1,000,000,000): check it",
    ),
    "tiny.svg": (
        SVG.replace("0 0 10 10", "0 0 1 1.4").format("").encode(),
        "the SVG's size, 1 x 1.4 units, is too small to keep its shape in whole units: scale its viewBox up "
        "(to 100 x 140, say)",
    ),
    "empty.png": (b"", "the picture file is empty (0 bytes)"),
    "missing.png": (None, "no such file in the article's folder"),
}


def _check(folder: Path, file: str, capsys, alt: str = "A drawing of the leg.") -> tuple[int, list[str]]:
    source = folder / "article.yaml"
    source.write_text(ARTICLE.format(file=file, alt=alt), encoding="utf-8")
    status = main(["check", str(source)])
    return status, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_picture_is_refused_at_its_file_line(name, tmp_path, capsys):
    data, message = HOSTILE[name]
    if data is not None:
        (tmp_path / name).write_bytes(data)
    status, err = _check(tmp_path, name, capsys)
    assert status == 2
    assert len(err) == 1 and err[0].startswith(f"{tmp_path}/article.yaml:{FILE_AT}: error: {name}: {message}"), err


def test_a_fifo_a_device_and_links_out_of_the_folder_are_refused(tmp_path, capsys):
    os.mkfifo(tmp_path / "fifo.png")  # opened, it would wait for a writer for ever
    (tmp_path.parent / f"{tmp_path.name}-outside.png").write_bytes(_png())
    os.symlink(f"../{tmp_path.name}-outside.png", tmp_path / "link.png")
    os.symlink("/dev/zero", tmp_path / "zero.png")
    (tmp_path / "pictures").mkdir()
    expected = {
        "fifo.png": "the picture is not a regular file (a folder, a named pipe or a device): name an image file",
        "pictures": "the picture is not a regular file (a folder, a named pipe or a device): name an image file",
        "link.png": "the picture is a link to a file outside the article's folder: copy the file into the folder instead",
        "zero.png": "the picture is a link to a file outside the article's folder: copy the file into the folder instead",
        f"../{tmp_path.name}-outside.png": "the picture must be in the article's folder or below it: write a path "
        "relative to the article's file, without '..'",
        "/etc/hostname": "the picture must be in the article's folder or below it: write a path relative to the "
        "article's file, without '..'",
    }
    for name, message in expected.items():
        assert _check(tmp_path, name, capsys) == (2, [f"{tmp_path}/article.yaml:{FILE_AT}: error: {name}: {message}"])


def test_a_link_inside_the_folder_is_read(tmp_path, capsys):
    (tmp_path / "real.png").write_bytes(_png())
    os.symlink("real.png", tmp_path / "alias.png")
    assert _check(tmp_path, "alias.png", capsys)[0] == 0


@pytest.mark.parametrize(
    "alt, message",
    [
        ("''", "'alt' is empty"),
        ("leg", "the alt text only repeats the file's name: say what the picture shows"),
        (
            "Image of a leg with its nerve.",
            "start the alt text with what the picture shows, not 'image of': a screen reader "
            "already says it is an image",
        ),
        (
            "x" * 251,
            "the alt text has 251 characters, over 250: say what a listener needs to know of the picture, and put "
            "the rest in a caption",
        ),
    ],
)
def test_an_alt_text_that_tells_a_listener_nothing_is_refused_at_its_line(alt, message, tmp_path, capsys):
    (tmp_path / "leg.png").write_bytes(_png())
    assert _check(tmp_path, "leg.png", capsys, alt=alt) == (2, [f"{tmp_path}/article.yaml:{ALT_AT}: error: {message}"])


def test_a_figure_without_alt_is_refused(tmp_path, capsys):
    (tmp_path / "leg.png").write_bytes(_png())
    source = tmp_path / "article.yaml"
    source.write_text(ARTICLE.format(file="leg.png", alt="x").replace("      alt: x\n", ""), encoding="utf-8")
    assert main(["check", str(source)]) == 2
    assert capsys.readouterr().err == (
        f"{source}:8:7: error: the figure is missing the required key 'alt': add 'alt: ...' "
        "(what a listener needs to know of the picture, in plain words, at most 250 "
        "characters)\n"
    )


def test_the_bomb_is_refused_within_a_second_and_300_mb(tmp_path):
    """2.5 billion pixels if decoded: judged from its header, never decoded."""
    (tmp_path / "bomb.png").write_bytes(BOMB)
    source = tmp_path / "article.yaml"
    source.write_text(ARTICLE.format(file="bomb.png", alt="A drawing of the leg."), encoding="utf-8")
    code, elapsed, peak = run_measured(
        [sys.executable, "-m", "legpain_docs", "check", str(source)],
        timeout=30,
        stderr=open(os.devnull, "w"),
        env={**os.environ, "PYTHONPATH": str(Path.cwd())},
    )
    assert code == 2
    assert elapsed < 1.0  # CPU seconds of the whole command, the interpreter's start included
    assert peak < 300


def test_a_photo_is_turned_upright_and_loses_its_exif_and_gps(tmp_path):
    photo = Image.new("RGB", (60, 20), "navy")
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees to show upright
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS: where the photo was taken
    out = io.BytesIO()
    photo.save(out, "JPEG", exif=exif)
    assert b"Exif" in out.getvalue()
    (tmp_path / "photo.jpg").write_bytes(out.getvalue())
    source = tmp_path / "article.yaml"
    source.write_text(ARTICLE.format(file="photo.jpg", alt="A navy rectangle."), encoding="utf-8")
    picture = load_article(source).sections[0].figure.file
    assert (picture.width, picture.height) == (20, 60)
    assert b"Exif" not in picture.data and b"GPS" not in picture.data
    with Image.open(io.BytesIO(picture.data)) as image:
        assert not image.getexif()


def test_the_test_article_loads_its_three_figures():
    article = load_article(DATA / "figures" / "figures.yaml")
    assert [f.file.format for f in article.figures] == ["png", "svg", "jpeg"]
    assert [(p.id, p.label) for p in article.figures[1].file.parts] == [
        ("hip", "Hip"),
        ("knee", "Knee"),
        ("foot", "Foot"),
    ]


@pytest.mark.parametrize(
    "d",
    [
        "M0 0 A1 1 0 0 1 1e-200 0 L5 5",  # ends a hair apart: once a ZeroDivisionError
        "M1 3 A1e-200 1e-200 0 0 1 5 3",  # radii next to nothing: once an OverflowError
        "M1 3 A1e-300 1 0 0 1 5 3",  # a radius that divides to infinity
    ],
)
def test_a_labelled_path_with_a_degenerate_arc_gets_a_mask_not_a_traceback(d, tmp_path, capsys):
    (tmp_path / "arc.svg").write_text(SVG.format(f'<path id="a" data-label="A" d="{d}"/>'), encoding="utf-8")
    status, err = _check(tmp_path, "arc.svg", capsys)
    assert status == 0, err


@pytest.mark.parametrize("written", [".img/leg.png", "drawings/.old/leg.png", "linked/leg.png"])
def test_a_picture_in_a_hidden_folder_is_refused_for_build_would_not_see_it_change(written, tmp_path, capsys):
    """build/pictures.py digests the pictures beside a source but not those in hidden folders (.git):
    one there could change and leave every output of its article stale."""
    (tmp_path / ".img").mkdir()
    (tmp_path / "drawings" / ".old").mkdir(parents=True)
    for folder in (tmp_path / ".img", tmp_path / "drawings" / ".old"):
        (folder / "leg.png").write_bytes(_png())
    (tmp_path / "linked").symlink_to(tmp_path / ".img")  # a link to a hidden folder inside the article's
    status, err = _check(tmp_path, written, capsys)
    assert status == 2
    assert len(err) == 1 and "hidden folder" in err[0] and f"{written}:" in err[0], err
