"""YAML from users' files (front matter, corpus.yaml, metadata, rules), read defensively.

`yaml.safe_load` already refuses Python object tags. On top of that, `load_yaml`
- keeps a timestamp that is not a real date (`published: 2014-02-30`) as its text, so the
  date parser can say what is wrong with it instead of PyYAML raising ValueError;
- refuses nesting so deep that PyYAML would hit Python's recursion limit;
- refuses values that aliases expand to more than `MAX_VALUES` values (the "billion
  laughs": ten lists of ten aliases of ten lists ... is small as text, huge as data), and
  recursive aliases (`&a [*a]`);
- reads sets in sorted order, so that the same file always gives the same text.
Every problem is a `yaml.YAMLError`, with a mark (line) when there is one, so callers
report it as they report any other YAML mistake.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_VALUES = 100_000  # lists, mappings and scalars in one document, aliases expanded
MAX_DEPTH = 100  # nested lists and mappings


class UnsafeYAML(yaml.MarkedYAMLError):
    """A document that is valid YAML but not usable data."""


class _Loader(yaml.SafeLoader):
    """SafeLoader with tolerant timestamps and sorted sets."""


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)  # "2014-02-30": the date parser says why not


def _set(loader: _Loader, node: yaml.MappingNode):
    values = loader.construct_mapping(node)
    yield sorted(values, key=str)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_Loader.add_constructor("tag:yaml.org,2002:set", _set)


def _check_size(node: yaml.Node) -> None:
    """Count the values `node` stands for, aliases expanded, stopping at the limits."""
    count = 0
    stack: list[tuple[yaml.Node, int, tuple[int, ...]]] = [(node, 1, ())]
    while stack:
        current, depth, ancestors = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise UnsafeYAML(problem=f"more than {MAX_VALUES:,} values once aliases (*name) "
                             "are expanded; write the values out plainly",
                             problem_mark=current.start_mark)
        if depth > MAX_DEPTH:
            raise UnsafeYAML(problem=f"nested more than {MAX_DEPTH} levels deep",
                             problem_mark=current.start_mark)
        if isinstance(current, yaml.ScalarNode):
            continue
        if id(current) in ancestors:
            raise UnsafeYAML(problem="an alias (*name) refers to a value that contains it",
                             problem_mark=current.start_mark)
        inside = (*ancestors, id(current))
        children = (current.value if isinstance(current, yaml.SequenceNode)
                    else [item for pair in current.value for item in pair])
        stack.extend((child, depth + 1, inside) for child in children)


def load_yaml(text: str) -> Any:
    """Parse one YAML document as `yaml.safe_load` does, with the checks above."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise UnsafeYAML(problem=f"nested more than {MAX_DEPTH} levels deep") from None
        if node is None:
            return None
        _check_size(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()
