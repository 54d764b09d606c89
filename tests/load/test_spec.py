"""Each field is declared once: the spec's records and the model's dataclasses agree."""

from __future__ import annotations

import dataclasses

import pytest

from legpain_docs.load import spec


def records(record: spec.Record):
    yield record
    for field in record.fields:
        kind = field.kind.item if isinstance(field.kind, spec.ListOf) else field.kind
        if isinstance(kind, spec.Record):
            yield from records(kind)


ALL = {r.name: r for top in (spec.ARTICLE, spec.CLINIC, spec.LIBRARY) for r in records(top)}


@pytest.mark.parametrize("name", ALL)
def test_a_records_fields_are_its_model_classes_fields(name):
    record = ALL[name]
    model = {f.name: f for f in dataclasses.fields(record.build)}
    assert [f.name for f in record.fields] and {f.name for f in record.fields} == set(model)
    for field in record.fields:
        has_default = model[field.name].default is not dataclasses.MISSING
        assert field.required != has_default, f"{name}.{field.name}: required in one place, optional in the other"
