"""Export a framework to xlsx: one sheet of competencies (with level descriptors), one of role requirements.

Written with XlsxWriter's ``write_string`` for every text cell, so text that starts with ``=`` can never
become a live formula in the exported workbook.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from skillmap.frameworks.model import Framework


def write_framework_xlsx(fw: Framework, path: str | Path) -> Path:
    path = Path(path)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        head = wb.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True,
                              "valign": "top"})
        wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        levels = [s.level for s in fw.scale]

        info = wb.add_worksheet("Framework")
        rows = [("code", fw.code), ("version", fw.version), ("name (en)", fw.name.en), ("name (es)", fw.name.es),
                ("description (en)", fw.description.en), ("description (es)", fw.description.es),
                ("publisher", fw.publisher), ("source", fw.source)]
        for r, (k, v) in enumerate(rows):
            info.write_string(r, 0, k, head)
            info.write_string(r, 1, v or "", wrap)
        r0 = len(rows) + 1
        for c, h in enumerate(["level", "code", "name (en)", "name (es)", "description (en)", "description (es)"]):
            info.write_string(r0, c, h, head)
        for i, s in enumerate(fw.scale, start=r0 + 1):
            info.write_number(i, 0, s.level)
            for c, v in enumerate([s.code, s.name.en, s.name.es, s.description.en, s.description.es], start=1):
                info.write_string(i, c, v, wrap)
        info.set_column(0, 0, 18)
        info.set_column(1, 5, 40)

        ws = wb.add_worksheet("Competencies")
        headers = ["category", "category (en)", "category (es)", "code", "name (en)", "name (es)",
                   "description (en)", "description (es)", "hard to transfer"]
        for lvl in levels:
            headers += [f"level {lvl} (en)", f"level {lvl} (es)"]
        for c, h in enumerate(headers):
            ws.write_string(0, c, h, head)
        r = 1
        for cat in fw.categories:
            for comp in cat.competencies:
                values = [cat.code, cat.name.en, cat.name.es, comp.code, comp.name.en, comp.name.es,
                          comp.description.en, comp.description.es, "yes" if comp.hard_to_transfer else "no"]
                for lvl in levels:
                    t = comp.descriptors.get(lvl)
                    values += [t.en if t else "", t.es if t else ""]
                for c, v in enumerate(values):
                    ws.write_string(r, c, v, wrap)
                r += 1
        ws.freeze_panes(1, 4)
        ws.autofilter(0, 0, max(r - 1, 1), len(headers) - 1)
        ws.set_column(0, 3, 16)
        ws.set_column(4, len(headers) - 1, 36)

        rq = wb.add_worksheet("Role requirements")
        families = {f.code: f for f in fw.role_families}
        rheaders = ["role family", "role", "role (en)", "role (es)", "role level", "seniority", "title (en)",
                    "title (es)", "competency", "competency (en)", "competency (es)", "required level", "weight"]
        for c, h in enumerate(rheaders):
            rq.write_string(0, c, h, head)
        comps = {c.code: c for c in fw.competencies()}
        r = 1
        for role, level in fw.role_levels():
            fam = families.get(role.family)
            for q in level.requirements:
                comp = comps.get(q.competency)
                texts = [fam.code if fam else role.family, role.code, role.name.en, role.name.es, level.code]
                for c, v in enumerate(texts):
                    rq.write_string(r, c, v)
                rq.write_number(r, 5, level.seniority)
                for c, v in enumerate([level.title.en, level.title.es, q.competency,
                                       comp.name.en if comp else "", comp.name.es if comp else ""], start=6):
                    rq.write_string(r, c, v)
                rq.write_number(r, 11, q.level)
                rq.write_number(r, 12, q.weight)
                r += 1
        rq.freeze_panes(1, 0)
        rq.autofilter(0, 0, max(r - 1, 1), len(rheaders) - 1)
        rq.set_column(0, 10, 22)
    finally:
        wb.close()
    return path
