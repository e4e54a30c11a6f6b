"""The pipeline runs one way: no module imports a later stage."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Stages in pipeline order; a module may import only from its own or earlier stages.
STAGES = [
    {"diagnostics", "model", "terms", "svg", "beside", "clauses", "unit_finder", "districts"},  # beside: work in a second process (parsing, outputs)
    {"yamlio"},
    {"load"},
    {"rules"},
    {"checking"},
    {"index"},
    {"similarity", "evaluate", "search", "stats", "schema", "extract", "repository"},
    {"pages", "opendata"},
    {"render"},
    {"write"},
    {"pipeline", "contexts"},
    {"build"},  # a whole build: checking, then the pipeline's stages
    {"site"},
    {"cli", "usage", "serve", "siteserver", "fmt", "scaffold", "bench", "buildbench", "synth", "__main__"},
]


def stage_of(module: str) -> int:
    top = module.split(".")[0]
    return next(i for i, names in enumerate(STAGES) if top in names)


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator."):
            found.add(node.module.removeprefix("generator."))
        elif isinstance(node, ast.ImportFrom) and node.module == "generator":
            found.update(alias.name for alias in node.names)
    return found


def test_no_module_imports_a_later_stage():
    backwards = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
        module = "pages" if rel.startswith("pages") else rel
        if module == "__init__":
            continue
        for imported in imports(path):
            if stage_of(imported) > stage_of(module):
                backwards.append(f"{rel} imports {imported}")
    assert backwards == []
