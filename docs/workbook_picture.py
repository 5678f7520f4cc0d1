"""Draw docs/workbook.png, the picture of the workbook in the README: the first rows of the facts sheet of
`briefing facts --export`, printed by LibreOffice Calc and drawn by poppler (run from the project folder:
.venv/bin/python docs/workbook_picture.py)."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Alignment
from PIL import Image

from generator.datafile import load_dataset
from generator.spreadsheet.writing import export_dataset

ROOT = Path(__file__).resolve().parent.parent
ROWS = 12  # the header and 11 facts
#: the columns shown, and their widths in the picture (narrower than the export's, to fit one page)
SHOWN = {"id": 28, "label_zh": 26, "label_en": 34, "value": 12, "unit": 11, "measure": 24, "status": 14,
         "section": 17, "quote": 46}


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        export_dataset(load_dataset(ROOT / "data" / "facts.yaml").model, folder / "facts.xlsx")
        book = load_workbook(folder / "facts.xlsx")
        for ws in list(book.worksheets):
            if ws.title != "facts":
                book.remove(ws)
        ws = book["facts"]
        ws.delete_rows(ROWS + 1, ws.max_row)
        for cell in ws[1]:  # the other columns are left out of the picture, as a hidden column is not printed
            name = str(cell.value).rsplit("/ ", 1)[-1]
            ws.column_dimensions[cell.column_letter].hidden = name not in SHOWN
            ws.column_dimensions[cell.column_letter].width = SHOWN.get(name, 8)
        for row in ws.iter_rows():  # one line a row: the picture shows no row heights of wrapped text
            for cell in row:
                cell.alignment = Alignment(vertical="top")
        ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A3
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_area = f"A1:{ws.cell(1, ws.max_column).column_letter}{ROWS}"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.gridLines = True
        book.save(folder / "facts.xlsx")
        subprocess.run([shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{folder}/profile",
                        "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(folder / "facts.xlsx")],
                       check=True, capture_output=True, timeout=300)
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(folder / "facts.pdf"),
                        str(folder / "facts")], check=True, timeout=120)
        page = Image.open(folder / "facts.png").convert("RGB")
        box = Image.eval(page, lambda v: 255 - v).getbbox()  # the printed part, without the page's white margin
        picture = page.crop(box) if box else page
        picture = picture.quantize(64)  # a few greys and the header's blue: a small file
        picture.save(ROOT / "docs" / "workbook.png", optimize=True)


if __name__ == "__main__":
    main()
