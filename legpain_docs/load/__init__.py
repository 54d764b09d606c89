"""The input side: read a source file, compose its YAML, check it against the spec, walk it to the model."""

__all__ = ["load_article", "load_clinic", "load_library"]


def __getattr__(name: str):
    """The loaders, imported when first asked for: reading a file's bytes (read.py) needs no YAML."""
    if name in __all__:
        from . import walk

        return getattr(walk, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
