"""Reading the board's pages back: what a parser (not a regex) finds in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""  # all text inside it, children's too
    children: list[Element] = field(default_factory=list)

    def find(self, tag: str | None = None, **attrs: str) -> list[Element]:
        """Every element below (and including) this one with the tag and attribute values;
        `class_` matches one word of the class attribute."""
        found = []
        wanted_class = attrs.pop("class_", None)
        for element in self.walk():
            if tag is not None and element.tag != tag:
                continue
            if (
                wanted_class is not None
                and wanted_class not in element.attrs.get("class", "").split()
            ):
                continue
            if all(
                element.attrs.get(name.replace("_", "-")) == value for name, value in attrs.items()
            ):
                found.append(element)
        return found

    def one(self, tag: str | None = None, **attrs: str) -> Element:
        found = self.find(tag, **attrs)
        assert len(found) == 1, f"{len(found)} elements match {tag} {attrs}"
        return found[0]

    def walk(self) -> list[Element]:
        out = [self]
        for child in self.children:
            out += child.walk()
        return out


VOID = {"meta", "link", "br", "hr", "img", "input", "wbr", "source", "col", "area", "base"}


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return
        raise AssertionError(f"</{tag}> closes nothing")

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data


def parse(source: str) -> Element:
    tree = _Tree()
    tree.feed(source)
    tree.close()
    assert len(tree.open) == 1, f"unclosed: {[e.tag for e in tree.open[1:]]}"
    return tree.root


def read(site: Path, name: str) -> Element:
    return parse((site / name).read_text(encoding="utf-8"))
