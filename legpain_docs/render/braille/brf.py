"""Unicode braille cells as North American ASCII braille, the BRF embossers and braille displays read.

Each of the 64 six-dot cells has one ASCII character (a space for the blank cell); the string
below lists them in the order of the cell's dots as a number (dot 1 = 1, dot 2 = 2, ... dot 6 =
32), which is also the order of the Unicode braille block from U+2800.
"""

from __future__ import annotations

BLANK = "\u2800"
ASCII_BRAILLE = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
SIX_DOTS = range(0x2800, 0x2840)  # dots 7 and 8 have no place on a six-dot embosser
TO_ASCII = {chr(0x2800 + dots): char for dots, char in enumerate(ASCII_BRAILLE)}
FROM_ASCII = {char: cell for cell, char in TO_ASCII.items()}


def is_six_dot(cells: str) -> bool:
    return all(ord(cell) in SIX_DOTS for cell in cells)


def to_ascii(cells: str) -> str:
    """Six-dot Unicode braille as ASCII braille; anything else is a bug upstream (KeyError)."""
    return "".join(TO_ASCII[cell] for cell in cells)


def from_ascii(line: str) -> str:
    """ASCII braille as Unicode braille cells (lower-case letters as upper-case: BRF readers accept both)."""
    return "".join(FROM_ASCII[char] for char in line.upper())
