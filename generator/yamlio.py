"""Load YAML literally and remember where every value came from.

Plain scalars stay strings (no ``YES`` → True, no ``0012`` → 12, no dates):
the typed model converts them and can say exactly what is wrong. Only
``null``/``~``/empty and ``true``/``false`` are resolved here. Duplicate
keys are errors. Every value gets a position so that a problem found later
(by the model or a cross-file rule) can be reported at its line and column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.diagnostics import Diagnostic

DataPath = tuple  # a path into the loaded data: keys and list indices


class LiteralLoader(yaml.SafeLoader):
    """SafeLoader that resolves nothing but null and true/false."""


# The same resolution on libyaml's parser (C), where PyYAML has it: parsing is the slowest part
# of a check, and the live preview parses every file on every save.
_CParser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LiteralComposer(_CParser):  # type: ignore[valid-type, misc]
    """Composes nodes for load_yaml; resolves like LiteralLoader."""


for _loader in (LiteralLoader, LiteralComposer):
    _loader.yaml_implicit_resolvers = {}
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
    )
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), ["t", "f"]
    )


ALLOWED_TAGS = frozenset({
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map",
})


@dataclass
class LoadedYaml:
    """The plain data of one file and the 1-based (line, col) of every path in it."""

    path: str
    data: Any
    positions: dict[DataPath, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: DataPath) -> tuple[int, int]:
        """Position of ``loc`` or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_yaml(text: str, path: str) -> tuple[LoadedYaml | None, list[Diagnostic]]:
    """Parse ``text``; return the data with positions, or diagnostics."""
    try:
        try:
            root = yaml.compose(text, Loader=LiteralComposer)
        except yaml.MarkedYAMLError:  # parse again in Python: its messages name the offending character
            root = yaml.compose(text, Loader=LiteralLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        return None, [
            Diagnostic(
                path, line, col, "yaml-syntax", f"the file is not valid YAML: {problem}",
                "check indentation (spaces, not tabs), a missing ':' after a key, or quotes "
                "that are opened and not closed",
            )
        ]
    except yaml.YAMLError as exc:  # pragma: no cover - non-marked errors are rare
        return None, [Diagnostic(path, 1, 1, "yaml-syntax", f"the file is not valid YAML: {exc}", "")]
    except RecursionError:
        return None, [Diagnostic(path, 1, 1, "yaml-syntax", "the file nests lists or mappings too deeply",
                                 "check for unclosed brackets `[` or `{`")]
    loaded = LoadedYaml(path, None)
    problems: list[Diagnostic] = []
    if root is None:
        loaded.data = None
        loaded.positions[()] = (1, 1)
        return loaded, problems
    constructor = LiteralLoader("")
    active: set[int] = set()  # nodes being built: an alias back into one of them is a cycle

    def refuse(node: yaml.Node, message: str, hint: str) -> None:
        line, col = _mark(node)
        problems.append(Diagnostic(path, line, col, "yaml-syntax", message, hint))

    def build(node: yaml.Node, loc: DataPath) -> Any:
        loaded.positions[loc] = _mark(node)
        if node.tag not in ALLOWED_TAGS:
            refuse(node, f"the tag `{node.tag}` is not allowed here",
                   "write plain values only: remove the `!`/`!!` tag (dates and numbers are written as text)")
            return None
        if id(node) in active:
            refuse(node, "an alias refers back to the list or mapping that contains it",
                   "remove the `*alias`; write the values out instead")
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            active.add(id(node))
            for key_node, value_node in node.value:
                key = constructor.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, str):
                    line, col = _mark(key_node)
                    problems.append(Diagnostic(path, line, col, "yaml-key", f"a key must be plain text, found {key!r}",
                                               "write the key as a word such as `title:`"))
                    continue
                if key in result:
                    line, col = _mark(key_node)
                    first = loaded.positions[loc + (key,)]
                    problems.append(Diagnostic(
                        path, line, col, "duplicate-key",
                        f"the key `{key}` appears twice in the same mapping (first at line {first[0]})",
                        "keep one of the two; YAML would silently use the last one",
                    ))
                    continue
                loaded.positions[loc + (key,)] = _mark(key_node)
                result[key] = build(value_node, loc + (key,))
                loaded.positions[loc + (key,)] = _mark(value_node) if not isinstance(
                    value_node, (yaml.MappingNode, yaml.SequenceNode)) else _mark(key_node)
            active.discard(id(node))
            return result
        if isinstance(node, yaml.SequenceNode):
            active.add(id(node))
            items = [build(item, loc + (i,)) for i, item in enumerate(node.value)]
            active.discard(id(node))
            return items
        return constructor.construct_object(node)

    try:
        loaded.data = build(root, ())
    except RecursionError:
        return None, [Diagnostic(path, 1, 1, "yaml-syntax", "the file nests lists or mappings too deeply",
                                 "check for unclosed brackets `[` or `{`")]
    return loaded, problems
