"""A FHIR R4 transaction Bundle that files an article's handouts in an EHR as one DocumentReference.

A clinic POSTs the bundle to its FHIR server's base URL. Each entry is a conditional update
keyed on the article's id and language, so uploading a revised article's bundle replaces the
reference it filed before instead of adding a second one. The handouts travel inside the bundle
(base64 `data`), with their size and SHA-1 hash as R4 asks, so no other file server is needed.
Nothing in it depends on the day it is made: the same sources give the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Sequence
from typing import NamedTuple

from ...model import Article

# LOINC 34895-3 "Education note": the document type patient-education material is filed under.
EDUCATION_NOTE = {"system": "http://loinc.org", "code": "34895-3", "display": "Education note"}
# The article's id: one DocumentReference per article and language, updated in place on each revision.
IDENTIFIER_SYSTEM = "urn:legpain-docs:article"
# Review dates, with the extensions FHIR defines for knowledge artifacts.
LAST_REVIEW = "http://hl7.org/fhir/StructureDefinition/artifact-lastReviewDate"
EFFECTIVE_PERIOD = "http://hl7.org/fhir/StructureDefinition/artifact-effectivePeriod"
CODE_SYSTEMS = {"icd-10-cm": "http://hl7.org/fhir/sid/icd-10-cm", "snomed-ct": "http://snomed.info/sct"}
# uuid5 names the entries, so the bundle's fullUrls are stable from build to build.
NAMESPACE = uuid.UUID("6f1c1d62-2f43-5f5e-9a0e-5b0c6c1e7a11")


class Attached(NamedTuple):
    """One rendered handout to carry in the bundle: its file name, media type and bytes."""

    name: str
    content_type: str
    data: bytes


def render_fhir(article: Article, attachments: Sequence[Attached], *, subject: str) -> bytes:
    """The bundle as UTF-8 JSON: one DocumentReference for `article`, its handouts as attachments.

    `subject` is the catalogue's name for the document ("Patient handout"), the type's text.
    """
    key = f"{article.id}|{article.language}"
    reference = {
        "resourceType": "DocumentReference",
        "extension": _review_extensions(article),
        "identifier": [{"system": IDENTIFIER_SYSTEM, "value": key}],
        "status": "current",
        "docStatus": "final",
        "type": {"coding": [EDUCATION_NOTE], "text": subject},
        "description": article.title,
        "content": [{"attachment": _attachment(article, attached)} for attached in attachments],
    }
    if article.codes:
        # As XDS's eventCodeList: the conditions the document is about, which EHRs and
        # MedlinePlus Connect index patient education by.
        reference["context"] = {"event": [_concept(code) for code in article.codes]}
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}",
                "resource": reference,
                "request": {"method": "PUT", "url": f"DocumentReference?identifier={IDENTIFIER_SYSTEM}|{key}"},
            }
        ],
    }
    return (json.dumps(bundle, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _attachment(article: Article, attached: Attached) -> dict[str, object]:
    return {
        "contentType": attached.content_type,
        "language": article.language,
        "data": base64.b64encode(attached.data).decode("ascii"),
        "url": attached.name,
        "size": len(attached.data),
        "hash": base64.b64encode(hashlib.sha1(attached.data).digest()).decode("ascii"),
        "title": article.title,
        "creation": article.reviewed.isoformat(),
    }


def _review_extensions(article: Article) -> list[dict[str, object]]:
    extensions: list[dict[str, object]] = [{"url": LAST_REVIEW, "valueDate": article.reviewed.isoformat()}]
    if article.review_due is not None:
        period = {"start": article.reviewed.isoformat(), "end": article.review_due.isoformat()}
        extensions.append({"url": EFFECTIVE_PERIOD, "valuePeriod": period})
    return extensions


def _concept(code) -> dict[str, object]:
    coding = {"system": CODE_SYSTEMS[code.system], "code": code.code}
    if code.display:
        coding["display"] = code.display
    return {"coding": [coding]}
