"""The input side: read a source file, compose its YAML, check it against the spec, walk it to the model."""

from .walk import load_article, load_clinic, load_library

__all__ = ["load_article", "load_clinic", "load_library"]
