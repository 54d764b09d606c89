"""One YAML article rendered as a patient handout PDF, an Anki deck and printable flashcards.

The names below are imported on first use, not with the package: the command line starts
with nothing loaded, so that even a Ctrl-C during its first imports is answered cleanly.
"""

_WHERE = {
    "ContentError": "errors",
    "Problem": "errors",
    "UserError": "errors",
    "load_article": "load.walk",
    "load_clinic": "load.walk",
    "Article": "model",
    "Attribution": "model",
    "Clinic": "model",
    "Item": "model",
    "Section": "model",
}

__all__ = [
    "Article",
    "Attribution",
    "Clinic",
    "ContentError",
    "Item",
    "Problem",
    "Section",
    "UserError",
    "load_article",
    "load_clinic",
]


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'legpain_docs' has no attribute '{name}'")
    from importlib import import_module

    return getattr(import_module(f".{_WHERE[name]}", __name__), name)
