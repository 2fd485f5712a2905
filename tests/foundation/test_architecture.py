"""The house rules, read from the code's syntax tree: floors, no cycles, one outbox writer.

The floors are read from docs/architecture.md, so the page a newcomer reads and the rule
the build enforces cannot drift apart. Imports inside functions count; imports under
``if TYPE_CHECKING:`` are types only and do not.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
DOC = ROOT / "docs" / "architecture.md"
CORE = "parentinfo.messaging"
WRITES = frozenset({"create", "bulk_create", "get_or_create", "update_or_create"})


@dataclass
class Module:
    """One module of src/: its name, its syntax tree, and whether it is a package."""

    name: str
    tree: ast.Module
    package: bool
    imports: set[str] = field(default_factory=set)


def load_modules() -> dict[str, Module]:
    """Every module under src/, by dotted name."""
    modules: dict[str, Module] = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if package else parts)
        modules[name] = Module(name, ast.parse(path.read_text(), str(path)), package)
    for module in modules.values():
        module.imports = set(_imports_of(module, modules))
    return modules


def _typing_only(tree: ast.Module) -> set[int]:
    """The nodes under ``if TYPE_CHECKING:`` (never run)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(sub) for stmt in node.body for sub in ast.walk(stmt))
    return skipped


def _imports_of(module: Module, modules: dict[str, Module]) -> Iterator[str]:
    """The src/ modules ``module`` imports, anywhere in its tree (functions included)."""
    skipped = _typing_only(module.tree)
    for node in ast.walk(module.tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node)
            # ``from package import module`` imports that module (the package's own
            # __init__ holds nothing here); ``from module import name`` imports the module.
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            found = _known(target, modules)
            if found is not None and found != module.name:
                yield found


def _absolute(module: Module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.name.split(".") if module.package else module.name.split(".")[:-1]
    package = package[: len(package) - node.level + 1]
    return ".".join([*package, *([node.module] if node.module else [])])


def _known(name: str, modules: dict[str, Module]) -> str | None:
    """The module of src/ that ``name`` is or lies in (``a.b.func`` → ``a.b``)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def floors() -> list[tuple[str, list[str]]]:
    """The floors listed in docs/architecture.md, lowest first: (name, module prefixes)."""
    text = DOC.read_text()
    section = text.split("## Floors, lowest first", 1)[1].split("\n## ", 1)[0]
    found: list[tuple[str, list[str]]] = []
    for item in re.split(r"\n(?=\d+\. \*\*)", section):
        head = re.match(r"\s*\d+\. \*\*(\w+)\*\*", item)
        if head:
            found.append((head.group(1), re.findall(r"`(parentinfo[\w.]*)`", item)))
    return found


def floor_of(name: str, listed: list[tuple[str, list[str]]]) -> int:
    """The index of the floor whose longest prefix ``name`` starts with."""
    best: tuple[int, int] | None = None
    for index, (_, prefixes) in enumerate(listed):
        for prefix in prefixes:
            fits = name == prefix or name.startswith(prefix + ".")
            if fits and (best is None or len(prefix) > best[1]):
                best = (index, len(prefix))
    assert best is not None, f"{name} is on no floor of docs/architecture.md"
    return best[0]


def cycles(modules: dict[str, Module]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start, first in modules.items():
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(first.imports)))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(modules[child].imports))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def test_the_floors_are_listed() -> None:
    listed = floors()
    assert [name for name, _ in listed][:2] == ["base", "messaging"]
    assert all(prefixes for _, prefixes in listed)


def test_no_import_cycle_anywhere_in_src() -> None:
    assert cycles(load_modules()) == []


def test_the_cycle_finder_finds_a_cycle_hidden_in_a_function() -> None:
    """The check itself: a function-level import that closes a loop is caught."""
    lower = ast.parse("def late():\n    from parentinfo.b import x\n")
    upper = ast.parse("from parentinfo.a import late\n")
    modules = {
        "parentinfo.a": Module("parentinfo.a", lower, False),
        "parentinfo.b": Module("parentinfo.b", upper, False),
    }
    for module in modules.values():
        module.imports = set(_imports_of(module, modules))
    assert cycles(modules) == [["parentinfo.a", "parentinfo.b"]]


def test_no_module_imports_from_a_higher_floor() -> None:
    listed = floors()
    wrong = [
        f"{module.name} ({listed[floor_of(module.name, listed)][0]}) imports {target} "
        f"({listed[floor_of(target, listed)][0]})"
        for module in load_modules().values()
        for target in sorted(module.imports)
        if floor_of(target, listed) > floor_of(module.name, listed)
    ]
    assert wrong == []


def test_only_the_messaging_core_writes_outbox_rows() -> None:
    """``OutboundMessage.create/bulk_create`` and ``INSERT INTO outbound_message`` live in
    the core alone: every message goes through its front door."""
    writers = []
    for module in load_modules().values():
        if module.name == CORE or module.name.startswith(CORE + "."):
            continue
        for node in ast.walk(module.tree):
            if _writes_outbox(node):
                writers.append(f"{module.name}:{getattr(node, 'lineno', '?')}")
    assert writers == []


def _writes_outbox(node: ast.AST) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        owner = node.func.value
        model_call = isinstance(owner, ast.Name) and owner.id == "OutboundMessage"
        if model_call and node.func.attr in WRITES:
            return True
        if node.func.attr == "insert_rows" or (
            isinstance(node.func, ast.Attribute) and node.func.attr == "save"
        ):
            return _names_outbox(node)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id == "insert_rows":
            return _names_outbox(node)
        if node.func.id == "OutboundMessage":  # an instance built to be saved elsewhere
            return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"insert\s+into\s+\"?outbound_message", node.value, re.I))
    return False


def _names_outbox(call: ast.Call) -> bool:
    return any(isinstance(arg, ast.Name) and arg.id == "OutboundMessage" for arg in call.args)


def test_the_writer_scan_sees_each_way_of_writing_a_row() -> None:
    for source in (
        "OutboundMessage.create(body='x')",
        "OutboundMessage.bulk_create([])",
        "insert_rows(OutboundMessage, rows)",
        "OutboundMessage(body='x')",
        "'INSERT INTO outbound_message (id) VALUES (1)'",
    ):
        assert any(_writes_outbox(node) for node in ast.walk(ast.parse(source))), source
    assert not any(_writes_outbox(n) for n in ast.walk(ast.parse("OutboundMessage.filter()")))
