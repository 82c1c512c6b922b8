"""The staff table model: Qt's model tester, sorting and filtering in the model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from skillmap import i18n
from skillmap.services.staff import StaffTable
from skillmap.ui.staff_model import ID_ROLE, StaffTableModel, fold


def table() -> StaffTable:
    t = StaffTable()
    people = [
        (10, "100", "Núñez Ortiz, Ángela", "NUOA800101MDFXRN01", "SHCP", 1, "Dirección General de TI", 11,
         "Subdirectora de Datos", "Data scientist", "Científica(o) de datos", 5, "N11"),
        (11, "20", "García López, José Luis", "GALJ750505HJCRPS02", "SEP", 2, "Unidad de Administración", 12,
         "Jefe de Departamento", "Head of department", "Jefatura de departamento", 6, "O21"),
        (12, "3", "Zapata Ruiz, Ana", "", "SHCP", 1, "Órgano Interno de Control", 13, "Enlace",
         "", "", None, "P13"),
        (13, "ABC", "Álvarez Pérez, Beatriz", "AAPB900909MDFLRT03", "SEP", 2, "Dirección General de TI", 14,
         "Analista", "Data analyst", "Analista de datos", 7, "P11"),
    ]
    for (sid, num, name, curp, ag, agid, unit, uid, pos, ren, res, rid, grade) in people:
        t.ids.append(sid)
        t.employee_number.append(num)
        t.name.append(name)
        t.curp.append(curp)
        t.agency.append(ag)
        t.agency_id.append(agid)
        t.unit.append(unit)
        t.unit_id.append(uid)
        t.position.append(pos)
        t.role_en.append(ren)
        t.role_es.append(res)
        t.role_profile_id.append(rid)
        t.grade.append(grade)
    return t


def ids(model: StaffTableModel) -> list[int]:
    return [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]


def test_passes_qt_model_tester(qtmodeltester: object) -> None:
    model = StaffTableModel()
    model.set_table(table())
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_filter("datos")
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]


def test_sorting_ignores_accents_and_orders_numbers_numerically() -> None:
    model = StaffTableModel()
    model.set_table(table())
    model.sort(1, Qt.SortOrder.AscendingOrder)  # name
    assert ids(model) == [13, 11, 10, 12]  # Álvarez, García, Núñez, Zapata
    model.sort(0, Qt.SortOrder.AscendingOrder)  # employee number: 3, 20, 100, then text
    assert ids(model) == [12, 11, 10, 13]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert ids(model) == [13, 10, 11, 12]


def test_filters_combine_and_keep_the_sort() -> None:
    model = StaffTableModel()
    model.set_table(table())
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_filter("direccion general")  # accent-insensitive, every word must match
    assert ids(model) == [10, 13]
    model.set_filter("", agency_id=1)
    assert ids(model) == [12, 10]
    model.set_filter("", unit_ids={12, 13})
    assert ids(model) == [12, 11]
    model.set_filter("", role_profile_id=7)
    assert ids(model) == [13]
    model.set_filter("nunez 100")
    assert ids(model) == [10]
    model.set_filter("nobody")
    assert model.rowCount() == 0


def test_role_column_follows_the_content_language() -> None:
    model = StaffTableModel()
    model.set_table(table())
    col = StaffTableModel.COLUMNS.index("role")
    assert model.index(0, col).data() == "Data scientist"
    i18n.set_language("es")
    model.language_changed()
    assert model.index(0, col).data() == "Científica(o) de datos"


@pytest.mark.parametrize(("raw", "folded"), [("Núñez", "nunez"), ("ÁLVAREZ", "alvarez"), ("Peña", "pena")])
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_fold_many_matches_fold() -> None:
    from skillmap.textfold import fold_many

    items = ["Núñez Ortiz, Ángela", "GARCÍA", "", "Łukasz Żółć", "peña\nnieto", "İstanbul"]
    assert fold_many(items) == [fold(x.replace("\n", " ")) for x in items]
