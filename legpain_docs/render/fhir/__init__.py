"""The EHR bundle: a FHIR R4 transaction Bundle filing each article's handouts as a DocumentReference (bundle.py)."""

from .bundle import Attached, render_fhir

__all__ = ["Attached", "render_fhir"]
