"""The analysis layout: two independent pipelines, composed only by the backends."""

from __future__ import annotations

import ast
from pathlib import Path

import reader.analysis

ROOT = Path(reader.analysis.__file__).parent


def _imports(package: str) -> set[str]:
    """Every module name imported anywhere in the sub-package `package` of the analysis."""
    found: set[str] = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


def test_entities_and_claims_do_not_import_each_other() -> None:
    entity_imports = _imports("entities")
    claim_imports = _imports("claims")
    assert not [m for m in entity_imports if m.startswith("reader.analysis.claims")]
    assert not [m for m in claim_imports if m.startswith("reader.analysis.entities")]
    assert not [m for m in entity_imports | claim_imports if "backends" in m]


def test_no_analysis_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in ROOT.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
