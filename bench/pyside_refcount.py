"""Reproduce the PySide6 reference leak that made us pin PySide6 < 6.12 on Python < 3.12.

Run: python bench/pyside_refcount.py — prints the refcount change of None/True/False over
10,000 `QModelIndex.data()` calls returning None. 6.11.3: [0, 0, 0]. 6.12.0 on Python 3.11:
the interpreter aborts ("deallocating None").
"""

import os
import sys

os.environ["QT_QPA_PLATFORM"]="offscreen"
import PySide6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication

app = QApplication([])
class M(QAbstractTableModel):
    def rowCount(self, p=QModelIndex()): return 10
    def columnCount(self, p=QModelIndex()): return 3
    def data(self, idx, role=Qt.DisplayRole): return None
m = M()
idx = m.index(0, 0)
before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
for _ in range(10000):
    idx.data(Qt.DisplayRole)
    m.checkIndex(idx)
after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
delta = [a - b for a, b in zip(after, before, strict=True)]
print(PySide6.__version__, "None/True/False refcount delta:", delta)
